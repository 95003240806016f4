// The plugin interface and the macro that exports a plugin's entry point.
#pragma once

#include <cstdint>
#include <picotorrent/sdk/host.hpp>
#include <picotorrent/sdk/version.hpp>

namespace pico::sdk {

/// A plugin instance. The host creates it, calls start(), later stop(), then destroys it.
class plugin {
  public:
    /// Destroyed by the descriptor's destroy function, in the plugin's own library.
    virtual ~plugin() = default;
    /// Called once on the host thread; `h` outlives the plugin. Throwing refuses the plugin.
    virtual void start(host& h) = 0;
    /// Called once on the host thread before destruction; release subscriptions here.
    virtual void stop() {}
};

/// What a plugin's entry point returns. Grows only at the end; `struct_size` tells the host how much it may
/// read.
struct plugin_descriptor {
    /// sizeof(plugin_descriptor) as the plugin was compiled.
    std::uint32_t struct_size;
    /// PICO_SDK_VERSION the plugin was compiled against.
    std::uint32_t sdk_version;
    /// PICO_SDK_ABI_FINGERPRINT the plugin was compiled with.
    char const* abi_fingerprint;
    /// The plugin's id; must match its manifest.
    char const* id;
    /// Creates the plugin instance.
    plugin* (*create)();
    /// Destroys an instance made by create.
    void (*destroy)(plugin*);
};

} // namespace pico::sdk

/// Name of the exported entry point, as a string for the loader.
#define PICO_PLUGIN_ENTRY_NAME "pico_plugin_entry"

#if defined(__GNUC__)
/// Marks a symbol as exported from the plugin library.
#define PICO_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define PICO_PLUGIN_EXPORT
#endif

/// Declares the plugin's entry point: `PICO_DECLARE_PLUGIN("my_id", my_plugin_class)`.
#define PICO_DECLARE_PLUGIN(ID, TYPE)                                                                        \
    extern "C" PICO_PLUGIN_EXPORT ::pico::sdk::plugin_descriptor const* pico_plugin_entry()                  \
    {                                                                                                        \
        static ::pico::sdk::plugin_descriptor const descriptor{                                              \
            sizeof(::pico::sdk::plugin_descriptor),                                                          \
            PICO_SDK_VERSION,                                                                                \
            PICO_SDK_ABI_FINGERPRINT,                                                                        \
            ID,                                                                                              \
            []() -> ::pico::sdk::plugin* { return new TYPE(); },                                             \
            [](::pico::sdk::plugin* p) { delete p; }};                                                       \
        return &descriptor;                                                                                  \
    }

/// Declares the entry point with the id pico_add_plugin() passes as PICO_PLUGIN_ID (SDK 1.1):
/// `PICO_DECLARE_PLUGIN_TYPE(my_plugin_class)`; the id is then written only in CMake.
#define PICO_DECLARE_PLUGIN_TYPE(TYPE) PICO_DECLARE_PLUGIN(PICO_PLUGIN_ID, TYPE)
