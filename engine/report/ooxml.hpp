// The namespaces of the Office Open XML parts the Word report writes and reads.
#pragma once
#include <string_view>

namespace malkoll {

inline constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr std::string_view kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr std::string_view kA = "http://schemas.openxmlformats.org/drawingml/2006/main";
inline constexpr std::string_view kPic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
inline constexpr std::string_view kWp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr std::string_view kPackageRels = "http://schemas.openxmlformats.org/package/2006/relationships";
inline constexpr std::string_view kContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

}  // namespace malkoll
