// TorchScript: load a module exported from PyTorch (torch.jit.save) and run it.
#include "bridge.h"

using Script = torch::jit::script::Module;

WN_EXPORT int wn_jit_load(const char* path, int device_type, int device_index, Script** out) {
  WN_TRY
  *out = new Script(torch::jit::load(path, wn::device_of(device_type, device_index)));
  WN_CATCH
}

WN_EXPORT void wn_jit_free(Script* m) { delete m; }

WN_EXPORT int wn_jit_train(Script* m, int on) {
  WN_TRY
  m->train(on != 0);
  WN_CATCH
}

// Runs forward(inputs...). A tensor result gives one output; a tuple or list of tensors gives each
// element; anything else is an error. `capacity` is the size of `outputs`; *count says how many were set.
WN_EXPORT int wn_jit_forward(Script* m, TensorHandle* inputs, int n, TensorHandle* outputs, int capacity, int* count) {
  WN_TRY
  std::vector<torch::jit::IValue> args;
  for (int i = 0; i < n; i++) args.emplace_back(*inputs[i]);
  auto result = m->forward(args);
  std::vector<at::Tensor> tensors;
  if (result.isTensor()) {
    tensors.push_back(result.toTensor());
  } else if (result.isTuple()) {
    for (auto& e : result.toTupleRef().elements()) {
      TORCH_CHECK(e.isTensor(), "the TorchScript module returned a tuple holding a ", e.tagKind(), ", not a tensor");
      tensors.push_back(e.toTensor());
    }
  } else if (result.isTensorList()) {
    for (const auto& t : result.toTensorVector()) tensors.push_back(t);
  } else {
    TORCH_CHECK(false, "the TorchScript module returned a ", result.tagKind(), "; Winnow expects tensors");
  }
  TORCH_CHECK(static_cast<int>(tensors.size()) <= capacity, "the module returned ", tensors.size(),
              " tensors, more than ", capacity);
  for (size_t i = 0; i < tensors.size(); i++) outputs[i] = wn::own(tensors[i]);
  *count = static_cast<int>(tensors.size());
  WN_CATCH
}
