// The thread-local error message and process-wide settings (threads, seed, grad mode, devices).
#include "bridge.h"

namespace {
thread_local std::string last_error;
}

void wn::set_error(const std::string& message) { last_error = message; }

WN_EXPORT const char* wn_last_error() { return last_error.c_str(); }

WN_EXPORT int wn_version(char* buffer, int capacity) {
  WN_TRY
  std::string v = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
                  std::to_string(TORCH_VERSION_PATCH);
  snprintf(buffer, static_cast<size_t>(capacity), "%s", v.c_str());
  WN_CATCH
}

WN_EXPORT int wn_opencv_version(char* buffer, int capacity) {
  WN_TRY
  snprintf(buffer, static_cast<size_t>(capacity), "%s", CV_VERSION);
  WN_CATCH
}

WN_EXPORT int wn_set_num_threads(int threads) {
  WN_TRY
  at::set_num_threads(threads);
  WN_CATCH
}

WN_EXPORT int wn_get_num_threads(int* threads) {
  WN_TRY
  *threads = at::get_num_threads();
  WN_CATCH
}

WN_EXPORT int wn_manual_seed(int64_t seed) {
  WN_TRY
  torch::manual_seed(static_cast<uint64_t>(seed));
  WN_CATCH
}

// Grad mode is per thread in libtorch, as in PyTorch.
WN_EXPORT int wn_set_grad_enabled(int enabled, int* previous) {
  WN_TRY
  *previous = at::GradMode::is_enabled() ? 1 : 0;
  at::GradMode::set_enabled(enabled != 0);
  WN_CATCH
}

WN_EXPORT int wn_cuda_device_count(int* count) {
  WN_TRY
  *count = torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0;
  WN_CATCH
}

WN_EXPORT int wn_cuda_synchronize() {
  WN_TRY
  if (torch::cuda::is_available()) torch::cuda::synchronize();
  WN_CATCH
}
