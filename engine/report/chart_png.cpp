#include "engine/report/chart_png.hpp"

#include <cmath>
#include <cstdint>
#include <csetjmp>
#include <cstdlib>
#include <memory>
#include <new>

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <png.h>

#include "engine/core/shared_library.hpp"
#include "engine/report/palette.hpp"

namespace malkoll {

namespace {

// librsvg, and the cairo and glib it brings, loaded when a chart is first
// drawn (engine/core/shared_library.hpp); the headers give the types only.
constexpr LibraryNeed kRsvg{"librsvg-2.so.2", "diagrammen i Word-rapporten", "librsvg2-2"};

struct Rsvg {
    decltype(&rsvg_handle_new_from_data) handle_new_from_data = nullptr;
    decltype(&rsvg_handle_get_intrinsic_size_in_pixels) handle_get_intrinsic_size_in_pixels = nullptr;
    decltype(&rsvg_handle_render_document) handle_render_document = nullptr;
    decltype(&g_object_unref) object_unref = nullptr;
    decltype(&g_error_free) error_free = nullptr;
    decltype(&cairo_image_surface_create) image_surface_create = nullptr;
    decltype(&cairo_image_surface_get_data) image_surface_get_data = nullptr;
    decltype(&cairo_image_surface_get_stride) image_surface_get_stride = nullptr;
    decltype(&cairo_surface_flush) surface_flush = nullptr;
    decltype(&cairo_surface_destroy) surface_destroy = nullptr;
    decltype(&cairo_create) create = nullptr;
    decltype(&cairo_destroy) destroy = nullptr;
    decltype(&cairo_paint) paint = nullptr;
    decltype(&cairo_set_source_rgb) set_source_rgb = nullptr;

    bool load(std::string& error) {
        void* lib = load_library(kRsvg, error);
        return lib && load_function(lib, kRsvg, "rsvg_handle_new_from_data", handle_new_from_data, error) &&
               load_function(lib, kRsvg, "rsvg_handle_get_intrinsic_size_in_pixels", handle_get_intrinsic_size_in_pixels, error) &&
               load_function(lib, kRsvg, "rsvg_handle_render_document", handle_render_document, error) &&
               load_function(lib, kRsvg, "g_object_unref", object_unref, error) &&
               load_function(lib, kRsvg, "g_error_free", error_free, error) &&
               load_function(lib, kRsvg, "cairo_image_surface_create", image_surface_create, error) &&
               load_function(lib, kRsvg, "cairo_image_surface_get_data", image_surface_get_data, error) &&
               load_function(lib, kRsvg, "cairo_image_surface_get_stride", image_surface_get_stride, error) &&
               load_function(lib, kRsvg, "cairo_surface_flush", surface_flush, error) &&
               load_function(lib, kRsvg, "cairo_surface_destroy", surface_destroy, error) &&
               load_function(lib, kRsvg, "cairo_create", create, error) && load_function(lib, kRsvg, "cairo_destroy", destroy, error) &&
               load_function(lib, kRsvg, "cairo_paint", paint, error) &&
               load_function(lib, kRsvg, "cairo_set_source_rgb", set_source_rgb, error);
    }
};

struct PngOut {
    std::string* bytes;
    bool failed = false;
};

void append(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<PngOut*>(png_get_io_ptr(png));
    if (out->failed) return;
    try {
        out->bytes->append(reinterpret_cast<const char*>(data), length);
    } catch (const std::bad_alloc&) {
        out->failed = true;  // the picture is thrown away below
    }
}

void flush(png_structp) {}

// An RGB PNG of cairo's RGB24 pixels (0x00RRGGBB in a native word),
// unfiltered: the charts are line drawing on white, which deflate alone
// packs smaller than with libpng's adaptive filters (cairo's own PNG writer:
// 15 charts of Verksamhetsberättelse 2024, 261 against 327 kB) in less than
// half the time. No time or other metadata is written.
bool encode_png(const unsigned char* pixels, int width, int height, int stride, std::string& bytes) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return false;
    png_infop info = png_create_info_struct(png);
    auto* row = static_cast<png_bytep>(std::malloc(static_cast<std::size_t>(width) * 3));
    PngOut out{&bytes};
    if (!info || !row || setjmp(png_jmpbuf(png))) {  // libpng reports its errors by longjmp, to here
        png_destroy_write_struct(&png, info ? &info : nullptr);
        std::free(row);
        return false;
    }
    png_set_write_fn(png, &out, append, flush);
    png_set_compression_level(png, 6);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    for (int y = 0; y < height; ++y) {
        const auto* px = reinterpret_cast<const std::uint32_t*>(pixels + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < width; ++x) {
            row[3 * x] = static_cast<png_byte>(px[x] >> 16);
            row[3 * x + 1] = static_cast<png_byte>(px[x] >> 8);
            row[3 * x + 2] = static_cast<png_byte>(px[x]);
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    std::free(row);
    return !out.failed;
}

// "#rrggbb" as cairo's 0..1 channels.
void set_colour(const Rsvg& api, cairo_t* cr, const char* hex) {
    auto channel = [&](int at) {
        auto digit = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
        return (digit(hex[at]) * 16 + digit(hex[at + 1])) / 255.0;
    };
    api.set_source_rgb(cr, channel(1), channel(3), channel(5));
}

}  // namespace

std::optional<ChartPicture> svg_to_png(const std::string& svg, double dpi, std::string& error) {
    Rsvg api;
    if (!api.load(error)) return std::nullopt;
    auto object_free = [&](RsvgHandle* h) { api.object_unref(h); };
    auto surface_free = [&](cairo_surface_t* s) { api.surface_destroy(s); };
    auto cairo_free = [&](cairo_t* c) { api.destroy(c); };
    GError* gerror = nullptr;
    std::unique_ptr<RsvgHandle, decltype(object_free)> handle(
        api.handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &gerror), object_free);
    if (!handle) {
        error = std::string("diagrammet kunde inte läsas (") + (gerror ? gerror->message : "okänt fel") + ")";
        if (gerror) api.error_free(gerror);
        return std::nullopt;
    }
    ChartPicture pic;
    gboolean has_size = FALSE;
    has_size = api.handle_get_intrinsic_size_in_pixels(handle.get(), &pic.width_px, &pic.height_px);
    if (!has_size || !(pic.width_px > 0) || !(pic.height_px > 0)) {
        error = "diagrammet har ingen storlek";
        return std::nullopt;
    }
    const double scale = dpi / 96.0;
    const int w = static_cast<int>(std::lround(pic.width_px * scale)), h = static_cast<int>(std::lround(pic.height_px * scale));
    std::unique_ptr<cairo_surface_t, decltype(surface_free)> surface(api.image_surface_create(CAIRO_FORMAT_RGB24, w, h), surface_free);
    std::unique_ptr<cairo_t, decltype(cairo_free)> cr(api.create(surface.get()), cairo_free);
    set_colour(api, cr.get(), colour::kPaper);
    api.paint(cr.get());
    const RsvgRectangle viewport{0, 0, static_cast<double>(w), static_cast<double>(h)};
    if (!api.handle_render_document(handle.get(), cr.get(), &viewport, &gerror)) {
        error = std::string("diagrammet kunde inte ritas (") + (gerror ? gerror->message : "okänt fel") + ")";
        if (gerror) api.error_free(gerror);
        return std::nullopt;
    }
    api.surface_flush(surface.get());
    if (!encode_png(api.image_surface_get_data(surface.get()), w, h, api.image_surface_get_stride(surface.get()), pic.png)) {
        error = "diagrammet kunde inte skrivas som PNG";
        return std::nullopt;
    }
    return pic;
}

}  // namespace malkoll
