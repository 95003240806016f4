#include "updater_test_host.hpp"

#include <dlfcn.h>
#include <stdexcept>

namespace pico::updater::test {

namespace {

sdk::plugin_descriptor const* load_descriptor()
{
    // Loaded once and never unloaded: every test in the process shares the module.
    static sdk::plugin_descriptor const* descriptor = [] {
        void* lib = dlopen(PICO_UPDATER_PLUGIN, RTLD_NOW | RTLD_LOCAL);
        if (!lib)
            throw std::runtime_error(std::string("dlopen: ") + dlerror());
        auto entry =
            reinterpret_cast<sdk::plugin_descriptor const* (*)()>(dlsym(lib, PICO_PLUGIN_ENTRY_NAME));
        if (!entry)
            throw std::runtime_error("no " PICO_PLUGIN_ENTRY_NAME " in " PICO_UPDATER_PLUGIN);
        return entry();
    }();
    return descriptor;
}

} // namespace

loaded_plugin::loaded_plugin() : m_descriptor(load_descriptor()), m_plugin(m_descriptor->create()) {}

loaded_plugin::~loaded_plugin()
{
    stop();
    m_descriptor->destroy(m_plugin);
}

void loaded_plugin::start(sdk::host& h)
{
    m_plugin->start(h);
    m_running = true;
}

void loaded_plugin::stop()
{
    if (m_running)
        m_plugin->stop();
    m_running = false;
}

} // namespace pico::updater::test
