// Automatic mixed precision (torch.autocast): per thread, like grad mode. Inside a region the dispatcher runs
// convolutions and matrix products in the lower precision (bfloat16 on the CPU) while weights, optimiser state
// and the loss stay float32; on a CPU with AVX-512 BF16 or AMX a ResNet training step takes about a third of the
// time. The weights' low-precision copies are cached inside a region, so the outermost exit must clear the cache:
// otherwise the next step would convolve with copies made before the optimiser changed the weights.
#include "bridge.h"
#include <ATen/autocast_mode.h>

namespace {
bool is_cuda(int device_type) { return device_type == 1; }
}  // namespace

// Enters a region: *previous_enabled and *previous_dtype are what wn_autocast_exit restores.
WN_EXPORT int wn_autocast_enter(int device_type, int dtype, int* previous_enabled, int* previous_dtype) {
  WN_TRY
  const auto type = static_cast<at::ScalarType>(dtype);
  if (is_cuda(device_type)) {
    *previous_enabled = at::autocast::is_enabled() ? 1 : 0;
    *previous_dtype = static_cast<int>(at::autocast::get_autocast_gpu_dtype());
    at::autocast::set_autocast_gpu_dtype(type);
    at::autocast::set_enabled(true);
  } else {
    if (type != at::kBFloat16)
      throw std::invalid_argument("autocast on the CPU supports bfloat16 only, not " + std::string(c10::toString(type)));
    *previous_enabled = at::autocast::is_cpu_enabled() ? 1 : 0;
    *previous_dtype = static_cast<int>(at::autocast::get_autocast_cpu_dtype());
    at::autocast::set_autocast_cpu_dtype(type);
    at::autocast::set_cpu_enabled(true);
  }
  at::autocast::increment_nesting();
  WN_CATCH
}

WN_EXPORT int wn_autocast_exit(int device_type, int previous_enabled, int previous_dtype) {
  WN_TRY
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  const auto type = static_cast<at::ScalarType>(previous_dtype);
  if (is_cuda(device_type)) {
    at::autocast::set_enabled(previous_enabled != 0);
    at::autocast::set_autocast_gpu_dtype(type);
  } else {
    at::autocast::set_cpu_enabled(previous_enabled != 0);
    at::autocast::set_autocast_cpu_dtype(type);
  }
  WN_CATCH
}

WN_EXPORT int wn_autocast_is_enabled(int device_type, int* enabled) {
  WN_TRY
  *enabled = (is_cuda(device_type) ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled()) ? 1 : 0;
  WN_CATCH
}
