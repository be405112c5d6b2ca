using System.Runtime.InteropServices;

namespace Winnow.Torch.Native;

// torch.nn.functional, optimisers, TorchScript and OpenCV. Optional tensors are passed as IntPtr (zero = none).
internal static partial class NativeMethods
{
    [LibraryImport(Library)] internal static partial int wn_conv2d(TensorHandle x, TensorHandle weight, IntPtr bias, long[] stride, long[] padding, long[] dilation, long groups, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_linear(TensorHandle x, TensorHandle weight, IntPtr bias, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_batch_norm(TensorHandle x, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_group_norm(TensorHandle x, long groups, IntPtr weight, IntPtr bias, double eps, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_layer_norm(TensorHandle x, long[] shape, int n, IntPtr weight, IntPtr bias, double eps, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_max_pool2d(TensorHandle x, long[] kernel, long[] stride, long[] padding, long[] dilation, int ceilMode, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_avg_pool2d(TensorHandle x, long[] kernel, long[] stride, long[] padding, int ceilMode, int countIncludePad, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_adaptive_pool2d(int kind, TensorHandle x, long outH, long outW, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_dropout(TensorHandle x, double p, int training, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_softmax(int kind, TensorHandle x, long dim, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_cross_entropy(TensorHandle logits, TensorHandle target, IntPtr weight, long reduction, long ignoreIndex, double labelSmoothing, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_bce_with_logits(TensorHandle x, TensorHandle y, IntPtr weight, IntPtr posWeight, long reduction, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_regression_loss(int kind, TensorHandle x, TensorHandle y, long reduction, double beta, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_interpolate(TensorHandle x, long outH, long outW, int mode, int alignCorners, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_pad(TensorHandle x, long[] pads, int n, int mode, double value, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_one_hot(TensorHandle x, long classes, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_grid_sample(TensorHandle x, TensorHandle grid, int mode, int paddingMode, int alignCorners, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_affine_grid(TensorHandle theta, long[] size, int n, int alignCorners, out IntPtr result);

    [LibraryImport(Library)] internal static partial int wn_optim_new(int kind, IntPtr[] parameters, int n, double lr, double beta1, double beta2, double eps, double weightDecay, double momentum, double dampening, int nesterov, int amsgrad, out IntPtr optimizer);
    [LibraryImport(Library)] internal static partial void wn_optim_free(IntPtr optimizer);
    [LibraryImport(Library)] internal static partial int wn_optim_step(IntPtr optimizer);
    [LibraryImport(Library)] internal static partial int wn_optim_zero_grad(IntPtr optimizer, int setToNone);
    [LibraryImport(Library)] internal static partial int wn_optim_set_lr(IntPtr optimizer, double lr);
    [LibraryImport(Library)] internal static partial int wn_clip_grad_norm(IntPtr[] parameters, int n, double maxNorm, double normType, out double total);
    [LibraryImport(Library)] internal static partial int wn_clip_grad_value(IntPtr[] parameters, int n, double clipValue);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int wn_jit_load(string path, int deviceType, int deviceIndex, out IntPtr module);
    [LibraryImport(Library)] internal static partial void wn_jit_free(IntPtr module);
    [LibraryImport(Library)] internal static partial int wn_jit_train(IntPtr module, int on);
    [LibraryImport(Library)] internal static partial int wn_jit_forward(IntPtr module, IntPtr[] inputs, int n, IntPtr[] outputs, int capacity, out int count);

    [LibraryImport(Library)] internal static unsafe partial int wn_image_decode(byte* data, long length, int mode, out IntPtr result);
    [LibraryImport(Library)] internal static unsafe partial int wn_image_decode_resize(byte* data, long length, int mode, int width, int height, int interpolation, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_image_resize(TensorHandle hwc, int width, int height, int interpolation, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_image_cvt_color(TensorHandle hwc, int code, out IntPtr result);
    [LibraryImport(Library)] internal static partial int wn_image_gaussian_blur(TensorHandle hwc, int ksize, double sigma, out IntPtr result);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int wn_image_put_text(TensorHandle hwc, string text, int x, int y, double scale, int r, int g, int b, int thickness, out IntPtr result);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int wn_image_text_size(string text, double scale, int thickness, out int width, out int height, out int descent);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int wn_image_encode(TensorHandle hwc, string ext, int quality, out IntPtr buffer);
    [LibraryImport(Library)] internal static partial long wn_buffer_size(IntPtr buffer);
    [LibraryImport(Library)] internal static partial IntPtr wn_buffer_data(IntPtr buffer);
    [LibraryImport(Library)] internal static partial void wn_buffer_free(IntPtr buffer);
}
