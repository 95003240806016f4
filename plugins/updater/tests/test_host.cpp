#include "test_host.hpp"

#include <boost/asio/post.hpp>
#include <dlfcn.h>
#include <sstream>
#include <stdexcept>

namespace pico::updater::test {

test_host::test_host(nlohmann::json config, std::string version, std::string mode)
    : m_config(std::move(config)), m_version(std::move(version)), m_mode(std::move(mode)),
      m_keep_running(boost::asio::make_work_guard(m_io))
{
}

test_host::~test_host()
{
    for (auto& t : m_background)
        t.join();
}

bool test_host::run_until(std::function<bool()> const& done, std::chrono::milliseconds limit)
{
    auto const deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        m_io.restart();
        m_io.run_for(std::chrono::milliseconds(20));
    }
    return done();
}

void test_host::run_for(std::chrono::milliseconds d)
{
    auto const deadline = std::chrono::steady_clock::now() + d;
    run_until([deadline] { return std::chrono::steady_clock::now() >= deadline; },
              d + std::chrono::seconds(1));
}

std::vector<log_line> test_host::lines() const
{
    std::lock_guard lock(m_mutex);
    return m_lines;
}

std::vector<std::string> test_host::lines_with(std::string const& text) const
{
    std::vector<std::string> out;
    for (auto const& l : lines()) {
        if (l.message.find(text) != std::string::npos)
            out.push_back(l.message);
    }
    return out;
}

std::vector<std::string> test_host::lines_with(std::string const& text, sdk::log_level level) const
{
    std::vector<std::string> out;
    for (auto const& l : lines()) {
        if (l.level == level && l.message.find(text) != std::string::npos)
            out.push_back(l.message);
    }
    return out;
}

std::string test_host::dump() const
{
    std::ostringstream out;
    for (auto const& l : lines())
        out << "  [" << static_cast<int>(l.level) << "] " << l.message << '\n';
    return out.str();
}

void test_host::check_host_thread()
{
    if (std::this_thread::get_id() != m_host_thread)
        ++m_wrong_thread_calls;
}

sdk::add_torrent_result test_host::add_torrent(sdk::add_torrent_request)
{
    check_host_thread();
    return {false, {}, false, "the updater test host has no session"};
}

sdk::status test_host::apply_settings(std::map<std::string, sdk::setting_value> const&)
{
    check_host_thread();
    return sdk::status::failure("the updater test host has no session");
}

std::string test_host::config_section()
{
    check_host_thread();
    return m_config.value("updater", nlohmann::json()).dump();
}

sdk::status test_host::set_config_section(std::string const& json)
{
    return set_config_value("updater", json);
}

std::string test_host::config()
{
    check_host_thread();
    return m_config.dump();
}

sdk::status test_host::set_config_value(std::string const& key, std::string const& json)
{
    check_host_thread();
    auto value = nlohmann::json::parse(json, nullptr, false);
    if (value.is_discarded())
        return sdk::status::failure(key + ": not JSON");
    m_config[key] = std::move(value);
    return sdk::status::success();
}

std::string test_host::host_version()
{
    check_host_thread();
    return m_version;
}

std::string test_host::host_mode()
{
    check_host_thread();
    return m_mode;
}

void test_host::log(sdk::log_level level, std::string_view message)
{
    std::lock_guard lock(m_mutex);
    m_lines.push_back({level, std::string(message)});
}

void test_host::post(std::function<void()> work)
{
    boost::asio::post(m_io, std::move(work));
}

void test_host::post_background(std::function<void()> work)
{
    std::lock_guard lock(m_mutex);
    m_background.emplace_back(std::move(work));
}

sdk::subscription test_host::publish_service(std::string const& name, std::uint32_t version,
                                             std::shared_ptr<void> object)
{
    check_host_thread();
    if (m_services.count(name))
        return {};
    m_services[name] = {name, version, "updater", std::move(object)};
    return sdk::subscription([this, name] { m_services.erase(name); });
}

std::optional<sdk::service_handle> test_host::find_service(std::string const& name, std::uint32_t min_version)
{
    check_host_thread();
    auto it = m_services.find(name);
    if (it == m_services.end() || it->second.version < min_version)
        return std::nullopt;
    return it->second;
}

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
