// Element-wise and reduction maths. Ops are chosen by a code so that the ABI stays small;
// the codes are mirrored in src/Winnow.Torch/Native/OpCodes.cs and must change together.
#include "bridge.h"

namespace {
at::Tensor unary(int op, const at::Tensor& a) {
  switch (op) {
    case 0: return at::neg(a);
    case 1: return at::abs(a);
    case 2: return at::sqrt(a);
    case 3: return at::exp(a);
    case 4: return at::log(a);
    case 5: return at::relu(a);
    case 6: return at::gelu(a);
    case 7: return at::silu(a);
    case 8: return at::sigmoid(a);
    case 9: return at::tanh(a);
    case 10: return at::floor(a);
    case 11: return at::ceil(a);
    case 12: return at::round(a);
    case 13: return at::logical_not(a);
    case 14: return a.contiguous();
    case 15: return a.clone();
    case 16: return a.detach();
    case 17: return at::sign(a);
    case 18: return at::sin(a);
    case 19: return at::cos(a);
    case 20: return at::isnan(a);
    case 21: return at::rsqrt(a);
    case 22: return at::square(a);
    case 23: return at::log1p(a);
    case 24: return at::isfinite(a);
    case 25: return at::log2(a);
    case 26: return at::exp2(a);
    case 27: return at::reciprocal(a);
    // to() rather than contiguous(): it restrides even where a size-1 channel dimension makes the tensor "contiguous"
    // either way (one-channel detector images), as PyTorch's x.to(memory_format=...) does; oneDNN picks its
    // channels-last kernels from the actual strides.
    case 28: return a.to(a.options(), /*non_blocking=*/false, /*copy=*/false, at::MemoryFormat::ChannelsLast);
    default: TORCH_CHECK(false, "unknown unary op ", op);
  }
}

at::Tensor binary(int op, const at::Tensor& a, const at::Tensor& b) {
  switch (op) {
    case 0: return at::add(a, b);
    case 1: return at::sub(a, b);
    case 2: return at::mul(a, b);
    case 3: return at::div(a, b);
    case 4: return at::pow(a, b);
    case 5: return at::eq(a, b);
    case 6: return at::ne(a, b);
    case 7: return at::lt(a, b);
    case 8: return at::le(a, b);
    case 9: return at::gt(a, b);
    case 10: return at::ge(a, b);
    case 11: return at::matmul(a, b);
    case 12: return at::maximum(a, b);
    case 13: return at::minimum(a, b);
    case 14: return at::logical_and(a, b);
    case 15: return at::logical_or(a, b);
    case 16: return at::remainder(a, b);
    case 17: return at::atan2(a, b);
    case 18: return at::floor_divide(a, b);
    case 19: return at::logical_xor(a, b);
    default: TORCH_CHECK(false, "unknown binary op ", op);
  }
}

// reverse: the scalar is the left operand (scalar - tensor, scalar / tensor, scalar ** tensor).
at::Tensor binary_scalar(int op, const at::Tensor& a, const at::Scalar& s, bool reverse) {
  if (reverse) {
    switch (op) {
      case 1: return at::rsub(a, s);
      case 3: return at::mul(at::reciprocal(a), s);
      case 4: return at::pow(s, a);
      default: TORCH_CHECK(false, "binary op ", op, " has no reversed scalar form");
    }
  }
  switch (op) {
    case 0: return at::add(a, s);
    case 1: return at::sub(a, s);
    case 2: return at::mul(a, s);
    case 3: return at::div(a, s);
    case 4: return at::pow(a, s);
    case 5: return at::eq(a, s);
    case 6: return at::ne(a, s);
    case 7: return at::lt(a, s);
    case 8: return at::le(a, s);
    case 9: return at::gt(a, s);
    case 10: return at::ge(a, s);
    case 12: return at::clamp_min(a, s);
    case 13: return at::clamp_max(a, s);
    case 16: return at::remainder(a, s);
    case 18: return at::floor_divide(a, s);
    default: TORCH_CHECK(false, "binary op ", op, " does not take a scalar");
  }
}

// In-place variants used by optimisers-in-C# and by weight loading: a.op_(b).
void binary_inplace(int op, at::Tensor& a, const at::Tensor& b) {
  switch (op) {
    case 0: a.add_(b); break;
    case 1: a.sub_(b); break;
    case 2: a.mul_(b); break;
    case 3: a.div_(b); break;
    case 100: a.copy_(b); break;
    default: TORCH_CHECK(false, "unknown in-place op ", op);
  }
}
}  // namespace

WN_EXPORT int wn_unary(int op, TensorHandle a, TensorHandle* out) {
  WN_TRY
  *out = wn::own(unary(op, *a));
  WN_CATCH
}

WN_EXPORT int wn_binary(int op, TensorHandle a, TensorHandle b, TensorHandle* out) {
  WN_TRY
  *out = wn::own(binary(op, *a, *b));
  WN_CATCH
}

WN_EXPORT int wn_binary_scalar(int op, TensorHandle a, double value, int64_t integer, int is_integer, int reverse,
                               TensorHandle* out) {
  WN_TRY
  *out = wn::own(binary_scalar(op, *a, wn::scalar(value, integer, is_integer), reverse != 0));
  WN_CATCH
}

WN_EXPORT int wn_binary_inplace(int op, TensorHandle a, TensorHandle b) {
  WN_TRY
  binary_inplace(op, *a, *b);
  WN_CATCH
}

// In-place unary ops (relu_ etc.), as torchvision's ReLU(inplace=True): no new tensor, no new handle.
WN_EXPORT int wn_unary_inplace(int op, TensorHandle a) {
  WN_TRY
  switch (op) {
    case 5: a->relu_(); break;
    case 8: a->sigmoid_(); break;
    case 9: a->tanh_(); break;
    case 22: a->square_(); break;
    default: TORCH_CHECK(false, "unary op ", op, " has no in-place form");
  }
  WN_CATCH
}

WN_EXPORT int wn_fill_(TensorHandle a, double value, int64_t integer, int is_integer) {
  WN_TRY
  a->fill_(wn::scalar(value, integer, is_integer));
  WN_CATCH
}

// a + alpha * b, the fused form optimisers and EMA updates want.
WN_EXPORT int wn_add_scaled(TensorHandle a, TensorHandle b, double alpha, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::add(*a, *b, alpha));
  WN_CATCH
}

// op: 0 sum, 1 mean, 2 amax, 3 amin, 4 std, 5 var, 6 prod, 7 all, 8 any, 9 logsumexp, 10 norm(2).
// ndims == 0 reduces over every dimension. `unbiased` applies to std/var (PyTorch's default is true).
WN_EXPORT int wn_reduce(int op, TensorHandle a, const int64_t* dims, int ndims, int keepdim, int unbiased,
                        TensorHandle* out) {
  WN_TRY
  const auto& t = *a;
  bool all = ndims == 0;
  std::vector<int64_t> every;
  if (all)
    for (int64_t i = 0; i < t.dim(); i++) every.push_back(i);
  at::IntArrayRef d = all ? at::IntArrayRef(every) : wn::dims(dims, ndims);
  bool k = keepdim != 0;
  at::Tensor r;
  switch (op) {
    case 0: r = all && !k ? at::sum(t) : at::sum(t, d, k); break;
    case 1: r = all && !k ? at::mean(t) : at::mean(t, d, k); break;
    case 2: r = all && !k ? at::max(t) : at::amax(t, d, k); break;
    case 3: r = all && !k ? at::min(t) : at::amin(t, d, k); break;
    case 4: r = all && !k ? at::std(t, unbiased != 0) : at::std(t, d, unbiased != 0, k); break;
    case 5: r = all && !k ? at::var(t, unbiased != 0) : at::var(t, d, unbiased != 0, k); break;
    case 6: {
      r = t;
      if (all && !k) {
        r = at::prod(t);
      } else {
        for (auto it = d.rbegin(); it != d.rend(); ++it) r = at::prod(r, *it, k);
      }
      break;
    }
    case 7: r = all && !k ? at::all(t) : at::all(t, d[0], k); break;
    case 8: r = all && !k ? at::any(t) : at::any(t, d[0], k); break;
    case 9: r = at::logsumexp(t, d, k); break;
    case 10: r = at::linalg_vector_norm(t, 2, all ? c10::optional<at::IntArrayRef>() : d, k); break;
    default: TORCH_CHECK(false, "unknown reduction ", op);
  }
  *out = wn::own(r);
  WN_CATCH
}

// op: 0 argmax, 1 argmin. has_dim == 0 flattens first, as torch.argmax(t) does.
WN_EXPORT int wn_arg_reduce(int op, TensorHandle a, int64_t dim, int has_dim, int keepdim, TensorHandle* out) {
  WN_TRY
  c10::optional<int64_t> d;
  if (has_dim) d = dim;
  *out = wn::own(op == 0 ? at::argmax(*a, d, keepdim != 0) : at::argmin(*a, d, keepdim != 0));
  WN_CATCH
}

// op: 0 max, 1 min along a dimension: values and indices.
WN_EXPORT int wn_minmax_dim(int op, TensorHandle a, int64_t dim, int keepdim, TensorHandle* values,
                            TensorHandle* indices) {
  WN_TRY
  auto r = op == 0 ? at::max(*a, dim, keepdim != 0) : at::min(*a, dim, keepdim != 0);
  *values = wn::own(std::get<0>(r));
  *indices = wn::own(std::get<1>(r));
  WN_CATCH
}

WN_EXPORT int wn_topk(TensorHandle a, int64_t k, int64_t dim, int largest, int sorted, TensorHandle* values,
                      TensorHandle* indices) {
  WN_TRY
  auto r = at::topk(*a, k, dim, largest != 0, sorted != 0);
  *values = wn::own(std::get<0>(r));
  *indices = wn::own(std::get<1>(r));
  WN_CATCH
}

WN_EXPORT int wn_sort(TensorHandle a, int64_t dim, int descending, int stable, TensorHandle* values,
                      TensorHandle* indices) {
  WN_TRY
  auto r = at::sort(*a, stable != 0, dim, descending != 0);
  *values = wn::own(std::get<0>(r));
  *indices = wn::own(std::get<1>(r));
  WN_CATCH
}

WN_EXPORT int wn_clamp(TensorHandle a, double min, int has_min, double max, int has_max, TensorHandle* out) {
  WN_TRY
  c10::optional<at::Scalar> lo, hi;
  if (has_min) lo = min;
  if (has_max) hi = max;
  *out = wn::own(at::clamp(*a, lo, hi));
  WN_CATCH
}

WN_EXPORT int wn_where(TensorHandle condition, TensorHandle a, TensorHandle b, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::where(*condition, *a, *b));
  WN_CATCH
}

WN_EXPORT int wn_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, int* out) {
  WN_TRY
  *out = at::allclose(*a, *b, rtol, atol) ? 1 : 0;
  WN_CATCH
}

WN_EXPORT int wn_cumsum(TensorHandle a, int64_t dim, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::cumsum(*a, dim));
  WN_CATCH
}
