// Views, reshapes, joins, indexing and device/dtype moves.
#include "bridge.h"

WN_EXPORT int wn_reshape(TensorHandle a, const int64_t* shape, int n, int view, TensorHandle* out) {
  WN_TRY
  *out = wn::own(view ? a->view(wn::dims(shape, n)) : a->reshape(wn::dims(shape, n)));
  WN_CATCH
}

WN_EXPORT int wn_expand(TensorHandle a, const int64_t* shape, int n, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->expand(wn::dims(shape, n)));
  WN_CATCH
}

WN_EXPORT int wn_permute(TensorHandle a, const int64_t* dims, int n, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->permute(wn::dims(dims, n)));
  WN_CATCH
}

WN_EXPORT int wn_transpose(TensorHandle a, int64_t d0, int64_t d1, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->transpose(d0, d1));
  WN_CATCH
}

WN_EXPORT int wn_flatten(TensorHandle a, int64_t start, int64_t end, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->flatten(start, end));
  WN_CATCH
}

// has_dim == 0 squeezes every dimension of size one.
WN_EXPORT int wn_squeeze(TensorHandle a, int64_t dim, int has_dim, TensorHandle* out) {
  WN_TRY
  *out = wn::own(has_dim ? a->squeeze(dim) : a->squeeze());
  WN_CATCH
}

WN_EXPORT int wn_unsqueeze(TensorHandle a, int64_t dim, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->unsqueeze(dim));
  WN_CATCH
}

// kind: 0 cat, 1 stack.
WN_EXPORT int wn_join(int kind, TensorHandle* tensors, int n, int64_t dim, TensorHandle* out) {
  WN_TRY
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; i++) list.push_back(*tensors[i]);
  *out = wn::own(kind == 0 ? at::cat(list, dim) : at::stack(list, dim));
  WN_CATCH
}

// Python's t[start:end:step] along one dimension; a view.
WN_EXPORT int wn_slice(TensorHandle a, int64_t dim, int64_t start, int64_t end, int64_t step, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->slice(dim, start, end, step));
  WN_CATCH
}

WN_EXPORT int wn_select(TensorHandle a, int64_t dim, int64_t index, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->select(dim, index));
  WN_CATCH
}

WN_EXPORT int wn_index_select(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::index_select(*a, dim, *index));
  WN_CATCH
}

// t[mask] with a bool mask, or t[indices] with an int64 tensor along the first dimension.
WN_EXPORT int wn_index(TensorHandle a, TensorHandle index, TensorHandle* out) {
  WN_TRY
  c10::List<c10::optional<at::Tensor>> indices;
  indices.push_back(*index);
  *out = wn::own(at::index(*a, indices));
  WN_CATCH
}

// t[index] = values, in place.
WN_EXPORT int wn_index_put_(TensorHandle a, TensorHandle index, TensorHandle values) {
  WN_TRY
  c10::List<c10::optional<at::Tensor>> indices;
  indices.push_back(*index);
  at::index_put_(*a, indices, *values);
  WN_CATCH
}

WN_EXPORT int wn_gather(TensorHandle a, int64_t dim, TensorHandle index, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::gather(*a, dim, *index));
  WN_CATCH
}

WN_EXPORT int wn_masked_fill(TensorHandle a, TensorHandle mask, double value, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::masked_fill(*a, *mask, value));
  WN_CATCH
}

WN_EXPORT int wn_nonzero(TensorHandle a, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::nonzero(*a));
  WN_CATCH
}

// dtype < 0 keeps the dtype; device_type < 0 keeps the device.
WN_EXPORT int wn_to(TensorHandle a, int dtype, int device_type, int device_index, TensorHandle* out) {
  WN_TRY
  auto t = *a;
  if (device_type >= 0) t = t.to(wn::device_of(device_type, device_index));
  if (dtype >= 0) t = t.to(static_cast<at::ScalarType>(dtype));
  *out = wn::own(t);
  WN_CATCH
}

WN_EXPORT int wn_flip(TensorHandle a, const int64_t* dims, int n, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::flip(*a, wn::dims(dims, n)));
  WN_CATCH
}

WN_EXPORT int wn_rot90(TensorHandle a, int64_t k, int64_t d0, int64_t d1, TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::rot90(*a, k, {d0, d1}));
  WN_CATCH
}

WN_EXPORT int wn_repeat(TensorHandle a, const int64_t* repeats, int n, TensorHandle* out) {
  WN_TRY
  *out = wn::own(a->repeat(wn::dims(repeats, n)));
  WN_CATCH
}
