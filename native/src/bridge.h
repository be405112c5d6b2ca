#pragma once
// Shared by every export: handle types, the error protocol and the guard macro.
//
// Protocol: every export returns int (0 = ok, -1 = error). Results come back through out-parameters,
// so "error" is never confused with "no tensor". The message of the last error on this thread is
// kept in a thread-local string that wn_last_error() returns and the managed side copies at once.
#include "pch.h"
#include <string>

#define WN_EXPORT extern "C" __attribute__((visibility("default")))

using Tensor = at::Tensor;
using TensorHandle = at::Tensor*;

namespace wn {
void set_error(const std::string& message);

// A new heap handle the managed side owns (and frees with wn_tensor_free); never returned otherwise.
inline TensorHandle own(at::Tensor t) { return new at::Tensor(std::move(t)); }

inline at::Device device_of(int type, int index) {
  return at::Device(type == 1 ? at::kCUDA : at::kCPU, type == 1 ? static_cast<c10::DeviceIndex>(index) : -1);
}

inline at::IntArrayRef dims(const int64_t* values, int count) { return at::IntArrayRef(values, static_cast<size_t>(count)); }

inline at::Scalar scalar(double value, int64_t integer, int is_integer) {
  return is_integer ? at::Scalar(integer) : at::Scalar(value);
}
}  // namespace wn

// Catch everything: c10::Error keeps libtorch's message without the C++ backtrace.
#define WN_TRY try {
#define WN_CATCH                                                      \
  return 0;                                                           \
  }                                                                   \
  catch (const c10::Error& e) {                                       \
    wn::set_error(e.what_without_backtrace());                        \
    return -1;                                                        \
  }                                                                   \
  catch (const std::exception& e) {                                   \
    wn::set_error(e.what());                                          \
    return -1;                                                        \
  }                                                                   \
  catch (...) {                                                       \
    wn::set_error("unknown native error");                            \
    return -1;                                                        \
  }
