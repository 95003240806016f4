#include "interop_fixture.hpp"

#include <arpa/inet.h>
#include <cstdlib>
#include <fstream>
#include <libtorrent/hex.hpp>
#include <libtorrent/torrent_info.hpp>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace pico::interop {

namespace ts = pico::test_support;
using namespace std::chrono_literals;

std::string picotorrent()
{
    return PICO_BINARY;
}

std::string find_program(std::string const& name)
{
    char const* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        if (dir.empty())
            continue;
        fs::path const candidate = fs::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
    }
    return {};
}

fs::path write_config(fs::path const& file, std::uint16_t port, nlohmann::json const& session_extra)
{
    return ts::write_loopback_host_config(file, {{"session", session_extra}}, port);
}

bool tcp_listening(std::uint16_t port)
{
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool const ok = ::connect(fd, reinterpret_cast<sockaddr const*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return ok;
}

bool wait_listening(std::uint16_t port, std::chrono::milliseconds timeout)
{
    return ts::wait_until([&] { return tcp_listening(port); }, timeout, 100ms);
}

std::vector<std::string> host_args(fs::path const& config, fs::path const& state_dir)
{
    return {"--config", config.string(), "--state-dir", state_dir.string(), "--no-plugins"};
}

our_seed::our_seed(fs::path const& torrent, fs::path const& data, fs::path const& work,
                   std::vector<std::string> const& extra_args, nlohmann::json const& session_extra)
{
    auto const config = write_config(work / "seed.json", 0, session_extra);
    std::vector<std::string> args{"seed", torrent.string(), data.string(), "--host", "127.0.0.1", "--port",
                                  "0"};
    for (auto const& a : host_args(config, work / "seed-state"))
        args.push_back(a);
    for (auto const& a : extra_args)
        args.push_back(a);
    m_process = std::make_unique<ts::child_process>(picotorrent(), args);
    if (!m_process->wait_for_stdout("seeding ", 120s))
        throw std::runtime_error("picotorrent seed did not start seeding: " + m_process->stderr_text());
    // "seeding NAME info hash H on 127.0.0.1:PORT": wait for the whole line, then take the port.
    ts::wait_until([&] { return m_process->stdout_text().find('\n') != std::string::npos; }, 10s);
    auto const text = m_process->stdout_text();
    auto const line = text.substr(0, text.find('\n'));
    m_port = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
    if (m_port == 0)
        throw std::runtime_error("picotorrent seed reported port 0: " + line);
}

run_result run_picotorrent(std::vector<std::string> const& args, std::chrono::milliseconds timeout)
{
    ts::child_process p(picotorrent(), args);
    run_result r;
    r.exit_code = p.wait(timeout);
    if (r.exit_code < 0) {
        p.kill(SIGKILL);
        p.wait(10s);
    }
    r.out = p.stdout_text();
    r.err = p.stderr_text();
    return r;
}

run_result run_download(std::string const& torrent, fs::path const& out_dir, fs::path const& work,
                        std::vector<std::string> const& extra_args, nlohmann::json const& session_extra)
{
    auto const config = write_config(work / "download.json", 0, session_extra);
    std::vector<std::string> args{"download",          torrent, "--out-dir", out_dir.string(),
                                  "--session-timeout", "60"};
    for (auto const& a : host_args(config, work / "download-state"))
        args.push_back(a);
    for (auto const& a : extra_args)
        args.push_back(a);
    return run_picotorrent(args);
}

std::vector<std::string> message_lines(std::string const& text)
{
    std::vector<std::string> lines;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);) {
        // Log lines start with an ISO 8601 UTC timestamp: "2026-11-21T02:53:08...".
        bool const log_line = line.size() > 20 && line[4] == '-' && line[7] == '-' && line[10] == 'T';
        if (!line.empty() && !log_line)
            lines.push_back(line);
    }
    return lines;
}

tracker::tracker(fs::path const& work, std::vector<std::string> const& info_hashes)
{
    std::string const program = find_program("opentracker");
    if (program.empty())
        throw std::runtime_error("opentracker is not installed");
    // opentracker chroots into -d and drops to an unprivileged user before it reads the whitelist,
    // so the folder must be world-readable and the whitelist path relative to it.
    fs::path const dir = work / "tracker";
    fs::create_directories(dir);
    {
        std::ofstream wl(dir / "whitelist.txt");
        for (auto const& h : info_hashes)
            wl << h << '\n';
    }
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    for (fs::path p = work; !p.empty() && p != p.root_path(); p = p.parent_path()) {
        std::error_code ec;
        fs::permissions(p, fs::perms::others_exec | fs::perms::group_exec, fs::perm_options::add, ec);
    }
    fs::permissions(dir / "whitelist.txt", fs::perms::owner_read | fs::perms::owner_write |
                                               fs::perms::group_read | fs::perms::others_read);
    m_port = ts::free_tcp_port();
    auto const port = std::to_string(m_port);
    m_process = std::make_unique<ts::child_process>(
        program, std::vector<std::string>{"-i", "127.0.0.1", "-p", port, "-P", port, "-d", dir.string(), "-w",
                                          "whitelist.txt"});
    if (!wait_listening(m_port))
        throw std::runtime_error("opentracker did not start: " + m_process->stderr_text());
}

std::string tracker::announce_url() const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + "/announce";
}

int tracker::seeds(std::string const& info_hash) const
{
    std::string target = "/scrape?info_hash=";
    for (std::size_t i = 0; i + 1 < info_hash.size(); i += 2) {
        target += '%'; // appended: GCC 12 at -O3 reports `"%" + std::string&&` as a false -Wrestrict
        target += info_hash.substr(i, 2);
    }
    auto const body = http_get(m_port, target);
    // d5:filesd20:<hash>d8:completei<N>e...
    auto const at = body.find("8:completei");
    if (at == std::string::npos)
        return -1;
    return std::atoi(body.c_str() + at + 11);
}

std::string http_get(std::uint16_t port, std::string const& target)
{
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return {};
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string response;
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    if (::connect(fd, reinterpret_cast<sockaddr const*>(&addr), sizeof(addr)) == 0) {
        std::string const request = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size())) {
            char buffer[4096];
            for (ssize_t n; (n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0;)
                response.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    auto const body = response.find("\r\n\r\n");
    return body == std::string::npos ? std::string() : response.substr(body + 4);
}

http_server::http_server(fs::path const& dir)
{
    m_port = ts::free_tcp_port();
    m_process = std::make_unique<ts::child_process>(
        "python3", std::vector<std::string>{"-m", "http.server", "--bind", "127.0.0.1", "--directory",
                                            dir.string(), std::to_string(m_port)});
    if (!wait_listening(m_port))
        throw std::runtime_error("python3 -m http.server did not start: " + m_process->stderr_text());
}

std::string http_server::url() const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + "/";
}

std::unique_ptr<ts::child_process> start_transmission(fs::path const& torrent, fs::path const& dir,
                                                      fs::path const& work, std::uint16_t port)
{
    fs::path const config_dir = work / "transmission";
    fs::create_directories(config_dir);
    fs::create_directories(dir);
    nlohmann::json const settings = {
        {"dht-enabled", false},
        {"lpd-enabled", false},
        {"pex-enabled", false},
        {"port-forwarding-enabled", false},
        {"bind-address-ipv4", "127.0.0.1"},
        {"bind-address-ipv6", "::1"},
        {"peer-port", port},
        {"peer-port-random-on-start", false},
        {"rpc-enabled", false},
        {"blocklist-enabled", false},
        {"speed-limit-up-enabled", false},
        {"speed-limit-down-enabled", false},
        {"ratio-limit-enabled", false},
        {"message-level", 2},
    };
    std::ofstream(config_dir / "settings.json") << settings.dump(2);
    // A private HOME too: transmission writes a few things there whatever -g says.
    std::map<std::string, std::string> env{{"HOME", (work / "home").string()}};
    fs::create_directories(work / "home");
    // stdbuf: its status line ("Seeding, ...") is otherwise stuck in a stdio buffer. No -v: with
    // it transmission-cli verifies and exits; without it, existing data is verified anyway.
    return std::make_unique<ts::child_process>(
        "stdbuf",
        std::vector<std::string>{"-o0", "transmission-cli", "-g", config_dir.string(), "-w", dir.string(),
                                 "-p", std::to_string(port), torrent.string()},
        env);
}

std::string v1_hash_hex(fs::path const& torrent)
{
    lt::torrent_info const ti(torrent.string());
    if (!ti.info_hashes().has_v1())
        throw std::runtime_error(torrent.string() + " has no v1 info hash");
    return lt::aux::to_hex(ti.info_hashes().v1);
}

fs::path make_case(fs::path const& root, std::string const& name, std::vector<ts::payload_file> files,
                   fs::path const& torrent, ts::torrent_options const& options)
{
    fs::path const payload = root / name;
    if (files.size() == 1 && files[0].path.empty()) {
        ts::make_payload(root, {{name, files[0].size}}, 7);
    } else {
        ts::make_payload(payload, files, 7);
    }
    ts::make_torrent(payload, torrent, options);
    return payload;
}

} // namespace pico::interop
