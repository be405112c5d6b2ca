// Autograd: backward and gradients. Grad mode itself is in errors.cpp (per thread).
#include "bridge.h"

// gradient may be null for a scalar output, as in PyTorch.
WN_EXPORT int wn_backward(TensorHandle t, TensorHandle gradient, int retain_graph) {
  WN_TRY
  t->backward(gradient ? *gradient : at::Tensor(), retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt);
  WN_CATCH
}

// *out is null when the tensor has no gradient yet; that is not an error.
WN_EXPORT int wn_tensor_grad(TensorHandle t, TensorHandle* out) {
  WN_TRY
  const auto& g = t->grad();
  *out = g.defined() ? wn::own(g) : nullptr;
  WN_CATCH
}

// set_to_none: drop the gradient tensor (PyTorch 2's default); otherwise zero it in place.
WN_EXPORT int wn_tensor_zero_grad(TensorHandle t, int set_to_none) {
  WN_TRY
  auto& g = t->mutable_grad();
  if (g.defined()) {
    if (set_to_none) {
      g = at::Tensor();
    } else {
      g = g.detach();
      g.zero_();
    }
  }
  WN_CATCH
}

// Copies `source` into `destination` without recording it for autograd: how weights are loaded.
WN_EXPORT int wn_copy_no_grad(TensorHandle destination, TensorHandle source) {
  WN_TRY
  at::NoGradGuard guard;
  destination->copy_(*source);
  WN_CATCH
}
