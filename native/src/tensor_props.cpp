// Reading a tensor's properties and copying its data out in one bulk copy.
#include "bridge.h"

WN_EXPORT int wn_tensor_ndim(TensorHandle t, int* out) {
  WN_TRY
  *out = static_cast<int>(t->dim());
  WN_CATCH
}

namespace {
// Sizes and strides leave the bridge the same way: into a caller's buffer of `capacity` values.
void copy_dims(c10::IntArrayRef dims, int64_t* out, int capacity, const char* what) {
  TORCH_CHECK(static_cast<int>(dims.size()) <= capacity, what, " buffer too small");
  for (size_t i = 0; i < dims.size(); i++) out[i] = dims[i];
}
}  // namespace

WN_EXPORT int wn_tensor_shape(TensorHandle t, int64_t* out, int capacity) {
  WN_TRY
  copy_dims(t->sizes(), out, capacity, "shape");
  WN_CATCH
}

WN_EXPORT int wn_tensor_strides(TensorHandle t, int64_t* out, int capacity) {
  WN_TRY
  copy_dims(t->strides(), out, capacity, "stride");
  WN_CATCH
}

WN_EXPORT int wn_tensor_dtype(TensorHandle t, int* out) {
  WN_TRY
  *out = static_cast<int>(t->scalar_type());
  WN_CATCH
}

WN_EXPORT int wn_tensor_device(TensorHandle t, int* type, int* index) {
  WN_TRY
  *type = t->device().is_cuda() ? 1 : 0;
  *index = t->device().has_index() ? t->device().index() : 0;
  WN_CATCH
}

WN_EXPORT int wn_tensor_numel(TensorHandle t, int64_t* out) {
  WN_TRY
  *out = t->numel();
  WN_CATCH
}

WN_EXPORT int wn_tensor_requires_grad(TensorHandle t, int* out) {
  WN_TRY
  *out = t->requires_grad() ? 1 : 0;
  WN_CATCH
}

// In place, returns no handle: a handle the caller may ignore is a leak (TorchSharp's lesson).
WN_EXPORT int wn_tensor_set_requires_grad(TensorHandle t, int requires) {
  WN_TRY
  t->set_requires_grad(requires != 0);
  WN_CATCH
}

// Copies the whole tensor (any device, any layout) into `destination`, which holds `bytes` bytes.
WN_EXPORT int wn_tensor_copy_out(TensorHandle t, void* destination, int64_t bytes) {
  WN_TRY
  auto c = t->device().is_cpu() ? t->contiguous() : t->to(at::kCPU).contiguous();
  TORCH_CHECK(static_cast<int64_t>(c.nbytes()) == bytes, "copy_out: the buffer holds ", bytes, " bytes, the tensor ",
              c.nbytes());
  if (bytes > 0) std::memcpy(destination, c.data_ptr(), static_cast<size_t>(bytes));
  WN_CATCH
}

WN_EXPORT int wn_tensor_item(TensorHandle t, double* out) {
  WN_TRY
  *out = t->item<double>();
  WN_CATCH
}

WN_EXPORT int wn_tensor_item_long(TensorHandle t, int64_t* out) {
  WN_TRY
  *out = t->item<int64_t>();
  WN_CATCH
}

WN_EXPORT int wn_tensor_to_string(TensorHandle t, char* buffer, int capacity) {
  WN_TRY
  std::ostringstream s;
  s << *t;
  snprintf(buffer, static_cast<size_t>(capacity), "%s", s.str().c_str());
  WN_CATCH
}
