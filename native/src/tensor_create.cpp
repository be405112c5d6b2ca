// Creating tensors: from managed memory (one bulk copy), filled, ranges, random; and freeing them.
#include "bridge.h"
#include <ATen/CPUGeneratorImpl.h>

namespace {
at::TensorOptions options(int dtype, int device_type, int device_index) {
  return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)).device(wn::device_of(device_type, device_index));
}
}  // namespace

WN_EXPORT void wn_tensor_free(TensorHandle t) { delete t; }

// Copies `data` (bytes of a contiguous row-major array of `dtype`) into a new tensor on the device.
WN_EXPORT int wn_tensor_from_data(const void* data, const int64_t* shape, int ndim, int dtype, int device_type,
                                  int device_index, TensorHandle* out) {
  WN_TRY
  auto cpu = at::empty(wn::dims(shape, ndim), at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
  if (cpu.numel() > 0) std::memcpy(cpu.data_ptr(), data, cpu.nbytes());
  *out = wn::own(device_type == 0 ? cpu : cpu.to(wn::device_of(device_type, device_index)));
  WN_CATCH
}

// kind: 0 empty, 1 zeros, 2 ones, 3 full(value).
WN_EXPORT int wn_tensor_filled(int kind, const int64_t* shape, int ndim, int dtype, int device_type, int device_index,
                               double value, int64_t integer, int is_integer, TensorHandle* out) {
  WN_TRY
  auto size = wn::dims(shape, ndim);
  auto opts = options(dtype, device_type, device_index);
  switch (kind) {
    case 0: *out = wn::own(at::empty(size, opts)); break;
    case 1: *out = wn::own(at::zeros(size, opts)); break;
    case 2: *out = wn::own(at::ones(size, opts)); break;
    default: *out = wn::own(at::full(size, wn::scalar(value, integer, is_integer), opts)); break;
  }
  WN_CATCH
}

WN_EXPORT int wn_tensor_arange(double start, double end, double step, int dtype, int device_type, int device_index,
                               TensorHandle* out) {
  WN_TRY
  *out = wn::own(at::arange(start, end, step, options(dtype, device_type, device_index)));
  WN_CATCH
}

WN_EXPORT int wn_generator_new(int64_t seed, at::Generator** out) {
  WN_TRY
  *out = new at::Generator(at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(seed)));
  WN_CATCH
}

WN_EXPORT void wn_generator_free(at::Generator* g) { delete g; }

// kind: 0 rand (uniform [0,1)), 1 randn, 2 randint [low, high), 3 randperm (shape[0] = n).
// A generator makes the draw reproducible without touching the global seed; it always draws on the CPU.
WN_EXPORT int wn_tensor_random(int kind, const int64_t* shape, int ndim, int dtype, int device_type, int device_index,
                               int64_t low, int64_t high, at::Generator* generator, TensorHandle* out) {
  WN_TRY
  auto size = wn::dims(shape, ndim);
  auto opts = options(dtype, 0, 0);
  c10::optional<at::Generator> gen;
  if (generator) gen = *generator;
  at::Tensor t;
  switch (kind) {
    case 0: t = at::rand(size, gen, opts); break;
    case 1: t = at::randn(size, gen, opts); break;
    case 2: t = at::randint(low, high, size, gen, opts); break;
    default: t = at::randperm(shape[0], gen, opts); break;
  }
  *out = wn::own(device_type == 0 ? t : t.to(wn::device_of(device_type, device_index)));
  WN_CATCH
}
