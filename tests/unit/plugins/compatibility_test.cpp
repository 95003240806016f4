#include "plugins/compatibility.hpp"

#include <gtest/gtest.h>

namespace {

using pico::plugins::check_compatibility;
using pico::plugins::manifest;

pico::sdk::plugin_descriptor descriptor(std::uint32_t version,
                                        char const* fingerprint = PICO_SDK_ABI_FINGERPRINT)
{
    return {sizeof(pico::sdk::plugin_descriptor), version, fingerprint, "p", nullptr, nullptr};
}

manifest manifest_for(std::uint32_t version)
{
    auto const v = pico::sdk::semantic_version::unpack(version);
    // Aggregate-initialised: assigning "p" to a default-constructed member is what GCC 12 at -O3
    // reports as a false -Wrestrict.
    manifest m{};
    m.id = std::string("p");
    m.sdk_version = std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
    return m;
}

constexpr std::uint32_t host_major = PICO_SDK_VERSION_MAJOR;
constexpr std::uint32_t host_minor = PICO_SDK_VERSION_MINOR;
std::string const host_version = std::to_string(host_major) + "." + std::to_string(host_minor) + "." +
                                 std::to_string(PICO_SDK_VERSION_PATCH);

TEST(compatibility, same_version_and_fingerprint_load)
{
    EXPECT_EQ(check_compatibility(descriptor(PICO_SDK_VERSION), manifest_for(PICO_SDK_VERSION)), "");
}

TEST(compatibility, patch_level_does_not_matter)
{
    auto const v = PICO_MAKE_SEMANTIC_VERSION(host_major, host_minor, 4000);
    EXPECT_EQ(check_compatibility(descriptor(v), manifest_for(v)), "");
}

TEST(compatibility, older_minor_loads_newer_minor_does_not)
{
    if (host_minor > 0) {
        auto const older = PICO_MAKE_SEMANTIC_VERSION(host_major, host_minor - 1, 0);
        EXPECT_EQ(check_compatibility(descriptor(older), manifest_for(older)), "");
    }
    auto const newer = PICO_MAKE_SEMANTIC_VERSION(host_major, host_minor + 1, 0);
    EXPECT_EQ(check_compatibility(descriptor(newer), manifest_for(newer)),
              "built against SDK " + std::to_string(host_major) + "." + std::to_string(host_minor + 1) +
                  ".0, host offers " + host_version + " (the plugin needs a newer host)");
}

TEST(compatibility, other_major_is_refused_either_way)
{
    auto const next = PICO_MAKE_SEMANTIC_VERSION(host_major + 1, 0, 0);
    EXPECT_EQ(check_compatibility(descriptor(next), manifest_for(next)),
              "built against SDK " + std::to_string(host_major + 1) + ".0.0, host offers " + host_version +
                  " (major versions differ)");
    auto const previous = PICO_MAKE_SEMANTIC_VERSION(host_major - 1, 9, 0);
    EXPECT_EQ(check_compatibility(descriptor(previous), manifest_for(previous)),
              "built against SDK " + std::to_string(host_major - 1) + ".9.0, host offers " + host_version +
                  " (major versions differ)");
}

TEST(compatibility, fingerprint_must_match)
{
    EXPECT_EQ(check_compatibility(descriptor(PICO_SDK_VERSION, "pico-sdk-1;clang;libc++"),
                                  manifest_for(PICO_SDK_VERSION)),
              std::string("built with ABI fingerprint 'pico-sdk-1;clang;libc++', host offers '") +
                  PICO_SDK_ABI_FINGERPRINT + "' (SDK " + host_version + ", host " + host_version + ")");
    EXPECT_NE(check_compatibility(descriptor(PICO_SDK_VERSION, nullptr), manifest_for(PICO_SDK_VERSION)), "");
}

TEST(compatibility, descriptor_too_small_is_refused)
{
    auto d = descriptor(PICO_SDK_VERSION);
    d.struct_size = 8;
    auto const reason = check_compatibility(d, manifest_for(PICO_SDK_VERSION));
    EXPECT_EQ(reason.rfind("descriptor is 8 bytes", 0), 0u) << reason;
}

TEST(compatibility, manifest_must_agree_with_the_library)
{
    auto m = manifest_for(PICO_SDK_VERSION);
    m.sdk_version = "1.0.7";
    EXPECT_EQ(check_compatibility(descriptor(PICO_SDK_VERSION), m),
              "manifest says SDK 1.0.7 but the library was built against SDK " + host_version +
                  " (host offers " + host_version + ")");
}

} // namespace
