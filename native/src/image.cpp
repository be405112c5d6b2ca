// OpenCV's image codecs, resize and colour conversion. Images cross the bridge as HWC tensors in RGB
// order (OpenCV's BGR is converted here, once): uint8 for 8-bit images, int32 for 16-bit ones
// (libtorch 1.13 has no uint16), float32 for float images.
#include "bridge.h"

namespace {
at::ScalarType tensor_type(int depth) {
  switch (depth) {
    case CV_8U: return at::kByte;
    case CV_16U: return at::kInt;
    case CV_16S: return at::kShort;
    case CV_32S: return at::kInt;
    case CV_32F: return at::kFloat;
    case CV_64F: return at::kDouble;
    default: TORCH_CHECK(false, "unsupported image depth ", depth);
  }
}

// Swaps BGR(A) to RGB(A) and copies into a tensor the managed side owns.
at::Tensor to_tensor(cv::Mat mat, bool swap_channels) {
  if (swap_channels && mat.channels() == 3) cv::cvtColor(mat, mat, cv::COLOR_BGR2RGB);
  if (swap_channels && mat.channels() == 4) cv::cvtColor(mat, mat, cv::COLOR_BGRA2RGBA);
  if (mat.depth() == CV_16U) mat.convertTo(mat, CV_32S);
  if (!mat.isContinuous()) mat = mat.clone();
  auto t = at::from_blob(mat.data, {mat.rows, mat.cols, mat.channels()}, at::TensorOptions().dtype(tensor_type(mat.depth())));
  return t.clone();
}

int cv_type(const at::Tensor& t, int channels) {
  switch (t.scalar_type()) {
    case at::kByte: return CV_MAKETYPE(CV_8U, channels);
    case at::kShort: return CV_MAKETYPE(CV_16S, channels);
    case at::kInt: return CV_MAKETYPE(CV_32S, channels);
    case at::kFloat: return CV_MAKETYPE(CV_32F, channels);
    case at::kDouble: return CV_MAKETYPE(CV_64F, channels);
    default: TORCH_CHECK(false, "images must be uint8, int16, int32, float32 or float64, not ", t.scalar_type());
  }
}

// A Mat viewing a contiguous HWC (or HW) CPU tensor; `keep` holds the memory while the Mat is used.
cv::Mat view_of(const at::Tensor& hwc, at::Tensor& keep) {
  TORCH_CHECK(hwc.dim() == 2 || hwc.dim() == 3, "an image tensor is HxW or HxWxC, got ", hwc.dim(), " dimensions");
  keep = hwc.to(at::kCPU).contiguous();
  int channels = keep.dim() == 3 ? static_cast<int>(keep.size(2)) : 1;
  TORCH_CHECK(channels >= 1 && channels <= 4, "an image has 1 to 4 channels, got ", channels);
  return cv::Mat(static_cast<int>(keep.size(0)), static_cast<int>(keep.size(1)), cv_type(keep, channels), keep.data_ptr());
}

int read_flags(int mode) {
  switch (mode) {
    case 0: return cv::IMREAD_UNCHANGED;
    case 1: return cv::IMREAD_GRAYSCALE;
    case 2: return cv::IMREAD_COLOR;
    case 3: return cv::IMREAD_GRAYSCALE | cv::IMREAD_ANYDEPTH;
    case 4: return cv::IMREAD_REDUCED_COLOR_2;
    case 5: return cv::IMREAD_REDUCED_COLOR_4;
    case 6: return cv::IMREAD_REDUCED_COLOR_8;
    default: TORCH_CHECK(false, "unknown image read mode ", mode);
  }
}

int interpolation(int mode) {
  switch (mode) {
    case 0: return cv::INTER_NEAREST;
    case 1: return cv::INTER_LINEAR;
    case 2: return cv::INTER_AREA;
    case 3: return cv::INTER_CUBIC;
    default: TORCH_CHECK(false, "unknown interpolation ", mode);
  }
}

cv::Mat decode(const uint8_t* data, int64_t length, int mode) {
  TORCH_CHECK(length > 0, "the image is empty (0 bytes)");
  cv::Mat raw(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t*>(data));
  cv::Mat mat = cv::imdecode(raw, read_flags(mode));
  TORCH_CHECK(!mat.empty(), "not a readable JPEG, PNG, TIFF or BMP image (corrupt, truncated or another format)");
  return mat;
}
}  // namespace

WN_EXPORT int wn_image_decode(const uint8_t* data, int64_t length, int mode, TensorHandle* out) {
  WN_TRY
  *out = wn::own(to_tensor(decode(data, length, mode), true));
  WN_CATCH
}

// Decode and resize in one call (the drop pipeline's hot path): no intermediate crosses the bridge.
WN_EXPORT int wn_image_decode_resize(const uint8_t* data, int64_t length, int mode, int width, int height,
                                     int interp, TensorHandle* out) {
  WN_TRY
  cv::Mat mat = decode(data, length, mode);
  cv::Mat resized;
  cv::resize(mat, resized, cv::Size(width, height), 0, 0, interpolation(interp));
  *out = wn::own(to_tensor(resized, true));
  WN_CATCH
}

WN_EXPORT int wn_image_resize(TensorHandle hwc, int width, int height, int interp, TensorHandle* out) {
  WN_TRY
  TORCH_CHECK(width > 0 && height > 0, "resize to ", width, "x", height, ": sizes must be positive");
  at::Tensor keep;
  cv::Mat mat = view_of(*hwc, keep);
  cv::Mat resized;
  cv::resize(mat, resized, cv::Size(width, height), 0, 0, interpolation(interp));
  *out = wn::own(to_tensor(resized, false));
  WN_CATCH
}

// code is an OpenCV ColorConversionCodes value (e.g. 7 = RGB2GRAY, 8 = GRAY2RGB).
WN_EXPORT int wn_image_cvt_color(TensorHandle hwc, int code, TensorHandle* out) {
  WN_TRY
  at::Tensor keep;
  cv::Mat mat = view_of(*hwc, keep);
  cv::Mat converted;
  cv::cvtColor(mat, converted, code);
  *out = wn::own(to_tensor(converted, false));
  WN_CATCH
}

WN_EXPORT int wn_image_gaussian_blur(TensorHandle hwc, int ksize, double sigma, TensorHandle* out) {
  WN_TRY
  at::Tensor keep;
  cv::Mat mat = view_of(*hwc, keep);
  cv::Mat blurred;
  cv::GaussianBlur(mat, blurred, cv::Size(ksize, ksize), sigma);
  *out = wn::own(to_tensor(blurred, false));
  WN_CATCH
}

// Draws ASCII text (Hershey simplex, anti-aliased) with the left end of its baseline at (x, y); returns a new image.
// The colour is given as RGB because images cross the bridge in RGB order; a grey image takes their mean.
WN_EXPORT int wn_image_put_text(TensorHandle hwc, const char* text, int x, int y, double scale, int r, int g, int b, int thickness, TensorHandle* out) {
  WN_TRY
  TORCH_CHECK(scale > 0 && thickness > 0, "text scale and thickness must be positive");
  at::Tensor keep;
  cv::Mat mat = view_of(*hwc, keep).clone();
  cv::Scalar colour = mat.channels() == 1 ? cv::Scalar((r + g + b) / 3.0) : cv::Scalar(r, g, b);
  cv::putText(mat, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, scale, colour, thickness, cv::LINE_AA);
  *out = wn::own(to_tensor(mat, false));
  WN_CATCH
}

// Width and height above the baseline of text as wn_image_put_text draws it; descent is below the baseline.
WN_EXPORT int wn_image_text_size(const char* text, double scale, int thickness, int* width, int* height, int* descent) {
  WN_TRY
  int baseline = 0;
  cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &baseline);
  *width = size.width;
  *height = size.height;
  *descent = baseline;
  WN_CATCH
}

// ext: ".png", ".jpg", ".tif", ".bmp". The tensor is RGB(A) or grey; quality applies to JPEG.
WN_EXPORT int wn_image_encode(TensorHandle hwc, const char* ext, int quality, std::vector<uint8_t>** out) {
  WN_TRY
  at::Tensor keep;
  cv::Mat mat = view_of(*hwc, keep);
  // A new Mat for the BGR copy: converting in place would change the caller's tensor.
  cv::Mat bgr;
  if (mat.channels() == 3)
    cv::cvtColor(mat, bgr, cv::COLOR_RGB2BGR);
  else if (mat.channels() == 4)
    cv::cvtColor(mat, bgr, cv::COLOR_RGBA2BGRA);
  else
    bgr = mat;
  if (bgr.depth() == CV_32S) bgr.convertTo(bgr, CV_16U);  // 16-bit images come back as int32
  auto buffer = std::make_unique<std::vector<uint8_t>>();
  std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, quality};
  TORCH_CHECK(cv::imencode(ext, bgr, *buffer, params), "OpenCV could not encode the image as ", ext);
  *out = buffer.release();
  WN_CATCH
}

WN_EXPORT int64_t wn_buffer_size(std::vector<uint8_t>* b) { return static_cast<int64_t>(b->size()); }
WN_EXPORT const uint8_t* wn_buffer_data(std::vector<uint8_t>* b) { return b->data(); }
WN_EXPORT void wn_buffer_free(std::vector<uint8_t>* b) { delete b; }
