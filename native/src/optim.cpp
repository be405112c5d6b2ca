// Optimisers run inside libtorch (torch::optim): one bridge call per step, not one per parameter.
#include "bridge.h"

using Optimizer = torch::optim::Optimizer;

namespace {
std::vector<at::Tensor> gather(TensorHandle* params, int n) {
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; i++) list.push_back(*params[i]);  // shares the tensor: updates reach the module.
  return list;
}
}  // namespace

// kind: 0 SGD, 1 AdamW, 2 Adam.
WN_EXPORT int wn_optim_new(int kind, TensorHandle* params, int n, double lr, double beta1, double beta2, double eps,
                           double weight_decay, double momentum, double dampening, int nesterov, int amsgrad,
                           Optimizer** out) {
  WN_TRY
  auto list = gather(params, n);
  switch (kind) {
    case 0:
      *out = new torch::optim::SGD(list, torch::optim::SGDOptions(lr)
                                             .momentum(momentum)
                                             .dampening(dampening)
                                             .weight_decay(weight_decay)
                                             .nesterov(nesterov != 0));
      break;
    case 1:
      *out = new torch::optim::AdamW(list, torch::optim::AdamWOptions(lr)
                                               .betas({beta1, beta2})
                                               .eps(eps)
                                               .weight_decay(weight_decay)
                                               .amsgrad(amsgrad != 0));
      break;
    default:
      *out = new torch::optim::Adam(list, torch::optim::AdamOptions(lr)
                                              .betas({beta1, beta2})
                                              .eps(eps)
                                              .weight_decay(weight_decay)
                                              .amsgrad(amsgrad != 0));
      break;
  }
  WN_CATCH
}

WN_EXPORT void wn_optim_free(Optimizer* o) { delete o; }

WN_EXPORT int wn_optim_step(Optimizer* o) {
  WN_TRY
  o->step();
  WN_CATCH
}

// set_to_none frees the gradient tensors (less memory, PyTorch 2's default); otherwise zeroes them.
WN_EXPORT int wn_optim_zero_grad(Optimizer* o, int set_to_none) {
  WN_TRY
  for (auto& group : o->param_groups()) {
    for (auto& p : group.params()) {
      auto& g = p.mutable_grad();
      if (!g.defined()) continue;
      if (set_to_none) {
        g = at::Tensor();
      } else {
        g = g.detach();
        g.zero_();
      }
    }
  }
  WN_CATCH
}

WN_EXPORT int wn_optim_set_lr(Optimizer* o, double lr) {
  WN_TRY
  for (auto& group : o->param_groups()) group.options().set_lr(lr);
  WN_CATCH
}

// Scales gradients so that their total norm is at most max_norm; returns the norm before clipping.
WN_EXPORT int wn_clip_grad_norm(TensorHandle* params, int n, double max_norm, double norm_type, double* total) {
  WN_TRY
  *total = torch::nn::utils::clip_grad_norm_(gather(params, n), max_norm, norm_type);
  WN_CATCH
}

WN_EXPORT int wn_clip_grad_value(TensorHandle* params, int n, double clip_value) {
  WN_TRY
  torch::nn::utils::clip_grad_value_(gather(params, n), clip_value);
  WN_CATCH
}
