// Keeps memory that tensors free inside the process instead of handing it back to the kernel at once.
//
// libtorch's CPU allocator takes every activation from malloc. glibc serves requests above 32 MB (a batch's feature
// maps: 32 × 64 × 128² floats is 134 MB) with a fresh mmap and unmaps them on free, so each forward pass faults its
// largest tensors in again, page by page. On this project's virtual machines that cost more than the convolutions:
// a ResNet-18 at 256², batch 32, one core, 66 → 25 ms per shot in float32 and 33 → 13 ms in bfloat16 with the heap
// kept. The price is that the resident size stays at its peak (a few hundred MB when scoring) until the process ends;
// WINNOW_MALLOC_RETURN_MEMORY=1 keeps glibc's defaults for whoever prefers that.
#include <malloc.h>

#include <climits>
#include <cstdlib>

#include "bridge.h"

namespace {

bool keep_freed_memory() {
  const char* opt_out = std::getenv("WINNOW_MALLOC_RETURN_MEMORY");
  if (opt_out != nullptr && opt_out[0] == '1') return false;
  // No mmap for large blocks (they come from the heap and are reused), and never trim the heap's top back.
  return mallopt(M_MMAP_MAX, 0) == 1 && mallopt(M_TRIM_THRESHOLD, INT_MAX) == 1;
}

// Set when the library is loaded, before the first tensor is allocated.
const bool kept = keep_freed_memory();

}  // namespace

WN_EXPORT int wn_keeps_freed_memory() { return kept ? 1 : 0; }
