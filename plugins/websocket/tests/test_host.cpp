#include "test_host.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <openssl/sha.h>
#include <pthread.h>

namespace pico::websocket::testing {

namespace {

std::string hex(unsigned char const* data, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 0x0f]);
    }
    return out;
}

// "magnet:?xt=urn:btih:<40 hex>&dn=name" -> hash and name; empty hash when malformed.
std::pair<std::string, std::string> parse_magnet(std::string const& uri)
{
    std::string hash;
    std::string name = "magnet";
    auto const xt = uri.find("xt=urn:btih:");
    if (xt != std::string::npos) {
        hash = uri.substr(xt + 12, 40);
        if (hash.size() != 40 ||
            !std::all_of(hash.begin(), hash.end(), [](unsigned char c) { return std::isxdigit(c); }))
            hash.clear();
        std::transform(hash.begin(), hash.end(), hash.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    auto const dn = uri.find("dn=");
    if (dn != std::string::npos)
        name = uri.substr(dn + 3, uri.find('&', dn) - dn - 3);
    return {hash, name};
}

} // namespace

sdk::torrent_snapshot make_snapshot(std::string info_hash, std::string name)
{
    sdk::torrent_snapshot t;
    t.info_hash = std::move(info_hash);
    t.name = std::move(name);
    t.queue_position = 3;
    t.size = 123456789012;
    t.progress = 0.25;
    t.status = sdk::status_code::downloading;
    t.eta = 321;
    t.download_rate = 4096;
    t.upload_rate = 1024;
    t.seeds_connected = 2;
    t.seeds_total = 12;
    t.nonseeds_connected = 4;
    t.nonseeds_total = 54;
    t.save_path = "/tmp/not-on-the-wire";
    t.ratio = 0.5;
    return t;
}

test_host::test_host(std::string section)
    : m_guard(boost::asio::make_work_guard(m_io)),
      m_verbose(std::getenv("PICO_WEBSOCKET_TEST_VERBOSE") != nullptr), m_section(std::move(section))
{
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "pico-host");
        m_io.run();
    });
}

test_host::~test_host()
{
    m_guard.reset();
    m_io.stop();
    m_thread.join();
}

void test_host::check_thread()
{
    if (std::this_thread::get_id() != m_thread.get_id())
        ++m_off_thread;
}

void test_host::emit(sdk::event const& e)
{
    check_thread();
    auto it = m_handlers.find(e.type);
    if (it == m_handlers.end())
        return;
    auto handlers = it->second; // a handler may unsubscribe
    for (auto& [id, h] : handlers)
        h(e);
}

void test_host::fire(sdk::event const& e)
{
    call([&] { emit(e); });
}

void test_host::set_torrents(std::vector<sdk::torrent_snapshot> torrents)
{
    call([&] { m_torrents = std::move(torrents); });
}

std::string test_host::section() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_section;
}

int test_host::section_writes() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_section_writes;
}

std::vector<std::string> test_host::log_lines() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_log;
}

bool test_host::wait_for_log(std::string const& needle, std::chrono::milliseconds timeout) const
{
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_log_cv.wait_for(lock, timeout, [&] {
        return std::any_of(m_log.begin(), m_log.end(),
                           [&](std::string const& l) { return l.find(needle) != std::string::npos; });
    });
}

std::vector<sdk::torrent_snapshot>::iterator test_host::find(std::string const& info_hash)
{
    return std::find_if(m_torrents.begin(), m_torrents.end(),
                        [&](sdk::torrent_snapshot const& t) { return t.info_hash == info_hash; });
}

sdk::add_torrent_result test_host::add_torrent(sdk::add_torrent_request request)
{
    check_thread();
    m_last_add = request;
    sdk::add_torrent_result result;
    std::string hash;
    std::string name;
    if (request.source == sdk::torrent_source::magnet) {
        std::tie(hash, name) = parse_magnet(request.location);
        if (hash.empty()) {
            result.error = "not a valid magnet link";
            return result;
        }
    } else if (request.source == sdk::torrent_source::bytes) {
        if (request.data.size() < 2 || request.data.front() != 'd' || request.data.back() != 'e') {
            result.error = "not a valid .torrent file";
            return result;
        }
        unsigned char digest[SHA_DIGEST_LENGTH];
        SHA1(reinterpret_cast<unsigned char const*>(request.data.data()), request.data.size(), digest);
        hash = hex(digest, sizeof digest);
        name = "from-bytes";
    } else {
        result.error = "files are not supported by the test host";
        return result;
    }
    result.ok = true;
    result.info_hash = hash;
    if (find(hash) != m_torrents.end()) {
        result.duplicate = true;
        return result;
    }
    auto t = make_snapshot(hash, name);
    t.status = request.paused ? sdk::status_code::downloading_paused : sdk::status_code::downloading_metadata;
    t.save_path = request.save_path;
    m_torrents.push_back(t);
    sdk::torrent_added_event e;
    e.torrent = t;
    emit(e);
    return result;
}

bool test_host::remove_torrent(std::string const& info_hash, sdk::remove_mode mode)
{
    check_thread();
    auto it = find(info_hash);
    if (it == m_torrents.end())
        return false;
    m_last_remove_mode = mode;
    sdk::torrent_removed_event e;
    e.info_hash = it->info_hash;
    e.name = it->name;
    m_torrents.erase(it);
    emit(e);
    return true;
}

bool test_host::pause_torrent(std::string const& info_hash)
{
    check_thread();
    auto it = find(info_hash);
    if (it == m_torrents.end())
        return false;
    it->status = sdk::status_code::downloading_paused;
    it->paused = true;
    return true;
}

bool test_host::resume_torrent(std::string const& info_hash)
{
    check_thread();
    auto it = find(info_hash);
    if (it == m_torrents.end())
        return false;
    it->status = sdk::status_code::downloading;
    it->paused = false;
    return true;
}

bool test_host::force_recheck(std::string const& info_hash)
{
    check_thread();
    return find(info_hash) != m_torrents.end();
}

bool test_host::move_storage(std::string const& info_hash, std::string const&)
{
    check_thread();
    return find(info_hash) != m_torrents.end();
}

std::vector<sdk::torrent_snapshot> test_host::torrents()
{
    check_thread();
    return m_torrents;
}

std::optional<sdk::torrent_snapshot> test_host::find_torrent(std::string const& info_hash)
{
    check_thread();
    auto it = find(info_hash);
    if (it == m_torrents.end())
        return std::nullopt;
    return *it;
}

std::vector<sdk::file_entry> test_host::files(std::string const&)
{
    check_thread();
    return {};
}

bool test_host::set_file_priorities(std::string const&, std::vector<std::uint8_t> const&)
{
    check_thread();
    return false;
}

sdk::subscription test_host::add_hook(sdk::add_torrent_hook, std::int32_t)
{
    check_thread();
    return {};
}

sdk::subscription test_host::subscribe(sdk::event_type type, std::function<void(sdk::event const&)> handler)
{
    check_thread();
    auto const id = ++m_next_handler;
    m_handlers[type][id] = std::move(handler);
    return sdk::subscription([this, type, id] {
        check_thread();
        m_handlers[type].erase(id);
    });
}

sdk::status test_host::apply_settings(std::map<std::string, sdk::setting_value> const&)
{
    check_thread();
    return sdk::status::failure("the test host has no session");
}

std::optional<sdk::setting_value> test_host::setting(std::string const&)
{
    check_thread();
    return std::nullopt;
}

std::string test_host::config_section()
{
    check_thread();
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_section;
}

sdk::status test_host::set_config_section(std::string const& json)
{
    check_thread();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_section = json;
    ++m_section_writes;
    return sdk::status::success();
}

std::string test_host::config()
{
    check_thread();
    std::lock_guard<std::mutex> lock(m_mutex);
    return "{\"websocket\":" + m_section + "}";
}

sdk::status test_host::set_config_value(std::string const&, std::string const&)
{
    check_thread();
    return sdk::status::failure("not supported by the test host");
}

void test_host::log(sdk::log_level, std::string_view message)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_log.emplace_back(message);
    if (m_verbose)
        std::cerr << std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count()
                  << " [websocket] " << message << '\n';
    m_log_cv.notify_all();
}

void test_host::post(std::function<void()> work)
{
    boost::asio::post(m_io, std::move(work));
}

// The plugin does not use the pool; running such work on the host thread keeps the double simple.
void test_host::post_background(std::function<void()> work)
{
    boost::asio::post(m_io, std::move(work));
}

sdk::subscription test_host::publish_service(std::string const&, std::uint32_t, std::shared_ptr<void>)
{
    check_thread();
    return {};
}

std::optional<sdk::service_handle> test_host::find_service(std::string const&, std::uint32_t)
{
    check_thread();
    return std::nullopt;
}

std::string test_host::host_version()
{
    return "0.0.0-test";
}
std::uint32_t test_host::sdk_version()
{
    return PICO_SDK_VERSION;
}
sdk::host_paths test_host::paths()
{
    return {};
}
std::string test_host::plugin_id()
{
    return "websocket";
}
std::string test_host::host_mode()
{
    return "run";
}
std::vector<std::string> test_host::option_values(std::string const&)
{
    return {};
}

} // namespace pico::websocket::testing
