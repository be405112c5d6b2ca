using System.Runtime.InteropServices;

namespace Winnow.Torch.Native;

// Tensor creation, properties, maths and shapes. Every function returns 0 or -1 (see NativeError).
internal static partial class NativeMethods
{
    internal const string Library = "winnow_native";

    [LibraryImport(Library)] internal static partial IntPtr wn_last_error();
    [LibraryImport(Library)] internal static partial int wn_version(byte[] buffer, int capacity);
    [LibraryImport(Library)] internal static partial int wn_opencv_version(byte[] buffer, int capacity);
    [LibraryImport(Library)] internal static partial int wn_set_num_threads(int threads);
    [LibraryImport(Library)] internal static partial int wn_get_num_threads(out int threads);
    [LibraryImport(Library)] internal static partial int wn_keeps_freed_memory();
    [LibraryImport(Library)] internal static partial int wn_manual_seed(long seed);
    [LibraryImport(Library)] internal static partial int wn_set_grad_enabled(int enabled, out int previous);
    [LibraryImport(Library)] internal static partial int wn_autocast_enter(int deviceType, int dtype, out int previousEnabled, out int previousDtype);
    [LibraryImport(Library)] internal static partial int wn_autocast_exit(int deviceType, int previousEnabled, int previousDtype);
    [LibraryImport(Library)] internal static partial int wn_autocast_is_enabled(int deviceType, out int enabled);
    [LibraryImport(Library)] internal static partial int wn_cuda_device_count(out int count);
    [LibraryImport(Library)] internal static partial int wn_cuda_synchronize();

    [LibraryImport(Library)] internal static partial void wn_tensor_free(IntPtr tensor);
    [LibraryImport(Library)] internal static unsafe partial int wn_tensor_from_data(void* data, long[] shape, int ndim, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_tensor_filled(int kind, long[] shape, int ndim, int dtype, int deviceType, int deviceIndex, double value, long integer, int isInteger, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_tensor_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_generator_new(long seed, out IntPtr generator);
    [LibraryImport(Library)] internal static partial void wn_generator_free(IntPtr generator);
    [LibraryImport(Library)] internal static partial int wn_tensor_random(int kind, long[] shape, int ndim, int dtype, int deviceType, int deviceIndex, long low, long high, IntPtr generator, out IntPtr result);

    [LibraryImport(Library)] internal static partial int wn_tensor_ndim(TensorHandle t, out int ndim);
    [LibraryImport(Library)] internal static partial int wn_tensor_shape(TensorHandle t, long[] shape, int capacity);
    [LibraryImport(Library)] internal static partial int wn_tensor_strides(TensorHandle t, long[] strides, int capacity);
    [LibraryImport(Library)] internal static partial int wn_tensor_dtype(TensorHandle t, out int dtype);
    [LibraryImport(Library)] internal static partial int wn_tensor_device(TensorHandle t, out int type, out int index);
    [LibraryImport(Library)] internal static partial int wn_tensor_numel(TensorHandle t, out long numel);
    [LibraryImport(Library)] internal static partial int wn_tensor_requires_grad(TensorHandle t, out int requires);
    [LibraryImport(Library)] internal static partial int wn_tensor_set_requires_grad(TensorHandle t, int requires);
    [LibraryImport(Library)] internal static unsafe partial int wn_tensor_copy_out(TensorHandle t, void* destination, long bytes);
    [LibraryImport(Library)] internal static partial int wn_tensor_item(TensorHandle t, out double value);
    [LibraryImport(Library)] internal static partial int wn_tensor_item_long(TensorHandle t, out long value);
    [LibraryImport(Library)] internal static partial int wn_tensor_to_string(TensorHandle t, byte[] buffer, int capacity);

    [LibraryImport(Library)] internal static partial int wn_unary(int op, TensorHandle a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_binary(int op, TensorHandle a, TensorHandle b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_binary_scalar(int op, TensorHandle a, double value, long integer, int isInteger, int reverse, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_binary_inplace(int op, TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial int wn_unary_inplace(int op, TensorHandle a);
    [LibraryImport(Library)] internal static partial int wn_fill_(TensorHandle a, double value, long integer, int isInteger);
    [LibraryImport(Library)] internal static partial int wn_add_scaled(TensorHandle a, TensorHandle b, double alpha, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_reduce(int op, TensorHandle a, long[] dims, int ndims, int keepdim, int unbiased, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_arg_reduce(int op, TensorHandle a, long dim, int hasDim, int keepdim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_minmax_dim(int op, TensorHandle a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [LibraryImport(Library)] internal static partial int wn_topk(TensorHandle a, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [LibraryImport(Library)] internal static partial int wn_sort(TensorHandle a, long dim, int descending, int stable, out IntPtr values, out IntPtr indices);
    [LibraryImport(Library)] internal static partial int wn_clamp(TensorHandle a, double min, int hasMin, double max, int hasMax, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_where(TensorHandle condition, TensorHandle a, TensorHandle b, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, out int result);
    [LibraryImport(Library)] internal static partial int wn_cumsum(TensorHandle a, long dim, out IntPtr result);

    [LibraryImport(Library)] internal static partial int wn_reshape(TensorHandle a, long[] shape, int n, int view, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_expand(TensorHandle a, long[] shape, int n, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_permute(TensorHandle a, long[] dims, int n, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_transpose(TensorHandle a, long d0, long d1, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_flatten(TensorHandle a, long start, long end, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_squeeze(TensorHandle a, long dim, int hasDim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_unsqueeze(TensorHandle a, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_join(int kind, IntPtr[] tensors, int n, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_slice(TensorHandle a, long dim, long start, long end, long step, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_select(TensorHandle a, long dim, long index, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_index_select(TensorHandle a, long dim, TensorHandle index, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_index(TensorHandle a, TensorHandle index, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_index_put_(TensorHandle a, TensorHandle index, TensorHandle values);
    [LibraryImport(Library)] internal static partial int wn_gather(TensorHandle a, long dim, TensorHandle index, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_masked_fill(TensorHandle a, TensorHandle mask, double value, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_nonzero(TensorHandle a, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_to(TensorHandle a, int dtype, int deviceType, int deviceIndex, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_flip(TensorHandle a, long[] dims, int n, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_rot90(TensorHandle a, long k, long d0, long d1, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_repeat(TensorHandle a, long[] repeats, int n, out IntPtr result);

    [LibraryImport(Library)] internal static partial int wn_backward(TensorHandle t, IntPtr gradient, int retainGraph);
    [LibraryImport(Library)] internal static partial int wn_tensor_grad(TensorHandle t, out IntPtr grad);
    [LibraryImport(Library)] internal static partial int wn_tensor_zero_grad(TensorHandle t, int setToNone);
    [LibraryImport(Library)] internal static partial int wn_copy_no_grad(TensorHandle destination, TensorHandle source);
}
