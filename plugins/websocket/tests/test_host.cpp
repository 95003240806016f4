#include "test_host.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <openssl/sha.h>
#include <pthread.h>
#include <thread>
#include <tuple>

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

test_host::test_host(std::string section) : m_verbose(std::getenv("PICO_WEBSOCKET_TEST_VERBOSE") != nullptr)
{
    id = "websocket";
    set_section(std::move(section));
    on_add = [this](sdk::add_torrent_request const& request) { return add(request); };
    // bench/websocket measures the host thread's CPU time by this name.
    call([] { pthread_setname_np(pthread_self(), "pico-host"); });
}

void test_host::fire(sdk::event const& e)
{
    call([&] { fake_host::fire(e); });
}

void test_host::set_torrents(std::vector<sdk::torrent_snapshot> torrents)
{
    call([&] { torrent_list = std::move(torrents); });
}

std::string test_host::section()
{
    return call([&] { return config_section(); });
}

int test_host::section_writes()
{
    return call([&] {
        return static_cast<int>(std::count_if(calls.begin(), calls.end(), [&](std::string const& c) {
            return c.rfind("set_config_value(" + id + ",", 0) == 0;
        }));
    });
}

std::vector<std::string> test_host::log_lines() const
{
    std::vector<std::string> lines;
    for (auto const& line : logs())
        lines.push_back(line.message);
    return lines;
}

bool test_host::wait_for_log(std::string const& needle, std::chrono::milliseconds timeout) const
{
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    while (lines_with(needle).empty()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

sdk::remove_mode test_host::last_remove_mode()
{
    return call([&] { return removed.empty() ? sdk::remove_mode::keep_data : removed.back().mode; });
}

sdk::add_torrent_request test_host::last_add()
{
    return call([&] { return added.empty() ? sdk::add_torrent_request{} : added.back(); });
}

sdk::torrent_snapshot* test_host::find(std::string const& info_hash)
{
    auto it = std::find_if(torrent_list.begin(), torrent_list.end(),
                           [&](sdk::torrent_snapshot const& t) { return t.info_hash == info_hash; });
    return it == torrent_list.end() ? nullptr : &*it;
}

// Runs for requests the (absent) hooks accepted: a magnet's hash comes from its xt, a
// .torrent's from the SHA-1 of its bytes (not the info dictionary's, but unique per payload).
sdk::add_torrent_result test_host::add(sdk::add_torrent_request const& request)
{
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
    if (find(hash)) {
        result.duplicate = true;
        return result;
    }
    auto t = make_snapshot(hash, name);
    t.status = request.paused ? sdk::status_code::downloading_paused : sdk::status_code::downloading_metadata;
    t.save_path = request.save_path;
    torrent_list.push_back(t);
    sdk::torrent_added_event e;
    e.torrent = t;
    fake_host::fire(e);
    return result;
}

bool test_host::remove_torrent(std::string const& info_hash, sdk::remove_mode how)
{
    if (!fake_host::remove_torrent(info_hash, how))
        return false;
    auto* t = find(info_hash);
    sdk::torrent_removed_event e;
    e.info_hash = t->info_hash;
    e.name = t->name;
    torrent_list.erase(torrent_list.begin() + (t - torrent_list.data()));
    fake_host::fire(e);
    return true;
}

bool test_host::pause_torrent(std::string const& info_hash)
{
    if (!fake_host::pause_torrent(info_hash))
        return false;
    auto* t = find(info_hash);
    t->status = sdk::status_code::downloading_paused;
    t->paused = true;
    return true;
}

bool test_host::resume_torrent(std::string const& info_hash)
{
    if (!fake_host::resume_torrent(info_hash))
        return false;
    auto* t = find(info_hash);
    t->status = sdk::status_code::downloading;
    t->paused = false;
    return true;
}

void test_host::log(sdk::log_level level, std::string_view message)
{
    fake_host::log(level, message);
    if (m_verbose)
        std::cerr << std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count()
                  << " [websocket] " << message << '\n';
}

} // namespace pico::websocket::testing
