// Neural-network functions (torch.nn.functional). Modules live in C#; they call these with their parameters.
#include "bridge.h"

namespace {
c10::optional<at::Tensor> optional(TensorHandle t) { return t ? c10::optional<at::Tensor>(*t) : c10::nullopt; }
}  // namespace

WN_EXPORT int wn_conv2d(TensorHandle x, TensorHandle weight, TensorHandle bias, const int64_t* stride,
                        const int64_t* padding, const int64_t* dilation, int64_t groups, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::conv2d(*x, *weight, optional(bias), wn::dims(stride, 2), wn::dims(padding, 2),
                            wn::dims(dilation, 2), groups));
  WN_CATCH
}

WN_EXPORT int wn_linear(TensorHandle x, TensorHandle weight, TensorHandle bias, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::linear(*x, *weight, optional(bias)));
  WN_CATCH
}

// Updates running_mean/running_var in place when training, exactly as F.batch_norm does.
WN_EXPORT int wn_batch_norm(TensorHandle x, TensorHandle weight, TensorHandle bias, TensorHandle running_mean,
                            TensorHandle running_var, int training, double momentum, double eps, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::batch_norm(*x, optional(weight), optional(bias), optional(running_mean), optional(running_var),
                                training != 0, momentum, eps, at::globalContext().userEnabledCuDNN()));
  WN_CATCH
}

WN_EXPORT int wn_group_norm(TensorHandle x, int64_t groups, TensorHandle weight, TensorHandle bias, double eps,
                            TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::group_norm(*x, groups, optional(weight), optional(bias), eps));
  WN_CATCH
}

WN_EXPORT int wn_layer_norm(TensorHandle x, const int64_t* shape, int n, TensorHandle weight, TensorHandle bias,
                            double eps, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::layer_norm(*x, wn::dims(shape, n), optional(weight), optional(bias), eps));
  WN_CATCH
}

WN_EXPORT int wn_max_pool2d(TensorHandle x, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                            const int64_t* dilation, int ceil_mode, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::max_pool2d(*x, wn::dims(kernel, 2), wn::dims(stride, 2), wn::dims(padding, 2),
                                wn::dims(dilation, 2), ceil_mode != 0));
  WN_CATCH
}

WN_EXPORT int wn_avg_pool2d(TensorHandle x, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                            int ceil_mode, int count_include_pad, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::avg_pool2d(*x, wn::dims(kernel, 2), wn::dims(stride, 2), wn::dims(padding, 2), ceil_mode != 0,
                                count_include_pad != 0));
  WN_CATCH
}

// kind: 0 adaptive average, 1 adaptive max.
WN_EXPORT int wn_adaptive_pool2d(int kind, TensorHandle x, int64_t out_h, int64_t out_w, TensorHandle* out) {
  WN_TRY
  *out = wn::own(kind == 0 ? at::adaptive_avg_pool2d(*x, {out_h, out_w})
                           : std::get<0>(at::adaptive_max_pool2d(*x, {out_h, out_w})));
  WN_CATCH
}

WN_EXPORT int wn_dropout(TensorHandle x, double p, int training, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::dropout(*x, p, training != 0));
  WN_CATCH
}

// kind: 0 softmax, 1 log_softmax.
WN_EXPORT int wn_softmax(int kind, TensorHandle x, int64_t dim, TensorHandle* out) {
  WN_TRY
  *out = wn::own(kind == 0 ? at::softmax(*x, dim) : at::log_softmax(*x, dim));
  WN_CATCH
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction's values).
WN_EXPORT int wn_cross_entropy(TensorHandle logits, TensorHandle target, TensorHandle weight, int64_t reduction,
                               int64_t ignore_index, double label_smoothing, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::cross_entropy_loss(*logits, *target, optional(weight), reduction, ignore_index, label_smoothing));
  WN_CATCH
}

WN_EXPORT int wn_bce_with_logits(TensorHandle x, TensorHandle y, TensorHandle weight, TensorHandle pos_weight,
                                 int64_t reduction, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::binary_cross_entropy_with_logits(*x, *y, optional(weight), optional(pos_weight), reduction));
  WN_CATCH
}

// kind: 0 mse, 1 l1, 2 smooth_l1 (beta).
WN_EXPORT int wn_regression_loss(int kind, TensorHandle x, TensorHandle y, int64_t reduction, double beta,
                                 TensorHandle* out) {
  WN_TRY
  switch (kind) {
    case 0: *out = wn::own(at::mse_loss(*x, *y, reduction)); break;
    case 1: *out = wn::own(at::l1_loss(*x, *y, reduction)); break;
    default: *out = wn::own(at::smooth_l1_loss(*x, *y, reduction, beta)); break;
  }
  WN_CATCH
}

// mode: 0 nearest, 1 bilinear (align_corners as given), 2 bicubic, 3 area.
WN_EXPORT int wn_interpolate(TensorHandle x, int64_t out_h, int64_t out_w, int mode, int align_corners,
                             TensorHandle* out) {
  WN_TRY
  std::vector<int64_t> size{out_h, out_w};
  switch (mode) {
    case 0: *out = wn::own(at::upsample_nearest2d(*x, size)); break;
    case 1: *out = wn::own(at::upsample_bilinear2d(*x, size, align_corners != 0)); break;
    case 2: *out = wn::own(at::upsample_bicubic2d(*x, size, align_corners != 0)); break;
    default: *out = wn::own(at::adaptive_avg_pool2d(*x, size)); break;
  }
  WN_CATCH
}

// mode: 0 constant, 1 reflect, 2 replicate, 3 circular. pads as in F.pad (last dimension first).
WN_EXPORT int wn_pad(TensorHandle x, const int64_t* pads, int n, int mode, double value, TensorHandle* out) {
  WN_TRY
  namespace F = torch::nn::functional;
  auto options = F::PadFuncOptions(std::vector<int64_t>(pads, pads + n)).value(value);
  switch (mode) {
    case 0: options.mode(torch::kConstant); break;
    case 1: options.mode(torch::kReflect); break;
    case 2: options.mode(torch::kReplicate); break;
    default: options.mode(torch::kCircular); break;
  }
  *out = wn::own(F::pad(*x, options));
  WN_CATCH
}

WN_EXPORT int wn_one_hot(TensorHandle x, int64_t classes, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::one_hot(*x, classes));
  WN_CATCH
}

WN_EXPORT int wn_grid_sample(TensorHandle x, TensorHandle grid, int mode, int padding_mode, int align_corners,
                             TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::grid_sampler(*x, *grid, mode, padding_mode, align_corners != 0));
  WN_CATCH
}

WN_EXPORT int wn_affine_grid(TensorHandle theta, const int64_t* size, int n, int align_corners, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::affine_grid_generator(*theta, wn::dims(size, n), align_corners != 0));
  WN_CATCH
}
