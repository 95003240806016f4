// SDK version and ABI fingerprint. Plugins embed both in their descriptor; the
// host loads a plugin only if they are compatible with its own (see docs/versioning.md).
#pragma once

#include <cstdint>

/// Packs a semantic version into one 32-bit number (8 bits major, 12 minor, 12 patch).
#define PICO_MAKE_SEMANTIC_VERSION(major, minor, patch)                                                      \
    ((static_cast<std::uint32_t>(major) << 24) | (static_cast<std::uint32_t>(minor) << 12) |                 \
     static_cast<std::uint32_t>(patch))

/// Major version of the SDK: changes only when the ABI breaks.
#define PICO_SDK_VERSION_MAJOR 1
/// Minor version of the SDK: grows when declarations are appended.
#define PICO_SDK_VERSION_MINOR 3
/// Patch version of the SDK: documentation and behaviour fixes only.
#define PICO_SDK_VERSION_PATCH 0

/// The SDK version these headers describe, packed with PICO_MAKE_SEMANTIC_VERSION.
#define PICO_SDK_VERSION                                                                                     \
    PICO_MAKE_SEMANTIC_VERSION(PICO_SDK_VERSION_MAJOR, PICO_SDK_VERSION_MINOR, PICO_SDK_VERSION_PATCH)

#define PICO_SDK_STRINGIFY_IMPL(x) #x
/// Turns a macro argument into a string literal after expansion.
#define PICO_SDK_STRINGIFY(x) PICO_SDK_STRINGIFY_IMPL(x)

#if defined(__clang__)
#define PICO_SDK_COMPILER_FAMILY "clang"
#elif defined(__GNUC__)
#define PICO_SDK_COMPILER_FAMILY "gcc"
#else
#define PICO_SDK_COMPILER_FAMILY "unknown"
#endif

// The standard library decides the layout of std::string, std::vector and
// std::function, which cross the plugin boundary; that is why it is fingerprinted.
#include <ciso646>
#if defined(_LIBCPP_VERSION)
#define PICO_SDK_STDLIB "libc++"
#elif defined(__GLIBCXX__)
#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define PICO_SDK_STDLIB "libstdc++-cxx11"
#else
#define PICO_SDK_STDLIB "libstdc++-cow"
#endif
#else
#define PICO_SDK_STDLIB "unknown"
#endif

/// ABI fingerprint: SDK major, compiler family and C++ standard library ABI.
/// The C++ language level (17 or 20) is deliberately not part of it: the
/// headers produce identical layouts under both.
#define PICO_SDK_ABI_FINGERPRINT                                                                             \
    "pico-sdk-" PICO_SDK_STRINGIFY(PICO_SDK_VERSION_MAJOR) ";" PICO_SDK_COMPILER_FAMILY ";" PICO_SDK_STDLIB

namespace pico::sdk {

/// A semantic version split into its parts.
struct semantic_version {
    /// Incompatible ABI changes.
    std::uint32_t major = 0;
    /// Backwards-compatible additions.
    std::uint32_t minor = 0;
    /// Fixes.
    std::uint32_t patch = 0;

    /// Unpacks a version made by PICO_MAKE_SEMANTIC_VERSION.
    static constexpr semantic_version unpack(std::uint32_t packed) noexcept
    {
        return {packed >> 24, (packed >> 12) & 0xfffu, packed & 0xfffu};
    }
};

} // namespace pico::sdk
