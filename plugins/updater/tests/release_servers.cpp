#include "release_servers.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace pico::updater::test {
namespace {

// Stops the servers when the test process ends, whatever the test's outcome.
class servers_environment : public testing::Environment {
  public:
    void TearDown() override { release_servers::get().shutdown(); }
};

[[maybe_unused]] testing::Environment* const registered =
    testing::AddGlobalTestEnvironment(new servers_environment);

} // namespace

std::string read_text(std::filesystem::path const& p)
{
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::filesystem::path make_temp_dir(std::string const& prefix)
{
    std::string templ = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(templ.data()))
        throw std::runtime_error("mkdtemp failed");
    return templ;
}

std::string release_server::url(std::string const& path) const
{
    return scheme + "://127.0.0.1:" + std::to_string(port) + path;
}

int release_server::requests_with(std::string const& text) const
{
    std::ifstream in(log);
    int n = 0;
    for (std::string line; std::getline(in, line);)
        n += line.find(text) != std::string::npos ? 1 : 0;
    return n;
}

release_servers& release_servers::get()
{
    static release_servers instance;
    return instance;
}

std::filesystem::path release_servers::dir()
{
    if (m_dir.empty()) {
        m_dir = make_temp_dir("pico-updater-test");
        std::filesystem::create_directories(m_dir / "files");
    }
    return m_dir;
}

std::filesystem::path release_servers::ca_file()
{
    if (!m_certs) {
        auto const cmd =
            std::string("OPENSSL='" PICO_OPENSSL "' '" PICO_UPDATER_TEST_DIR "/make_test_certs.sh' '") +
            (dir() / "certs").string() + "'";
        if (std::system(cmd.c_str()) != 0)
            throw std::runtime_error("make_test_certs.sh failed");
        m_certs = true;
    }
    return m_dir / "certs" / "ca.pem";
}

void release_servers::write_file(std::string const& name, std::string const& content)
{
    auto const path = dir() / "files" / name;
    std::ofstream(path.string() + ".tmp", std::ios::binary) << content;
    std::filesystem::rename(path.string() + ".tmp", path);
}

release_server const& release_servers::trusted()
{
    return start(m_trusted, "trusted", "server");
}
release_server const& release_servers::rogue()
{
    return start(m_rogue, "rogue", "rogue");
}
release_server const& release_servers::wrong_host()
{
    return start(m_wrong_host, "wrong_host", "wrong_host");
}
release_server const& release_servers::plain()
{
    return start(m_plain, "plain", "");
}

release_server const& release_servers::start(release_server& server, std::string const& name,
                                             std::string const& cert)
{
    if (server.pid > 0)
        return server;
    auto const base = dir();
    auto const port_file = base / (name + ".port");
    server.log = base / (name + ".log");
    server.scheme = cert.empty() ? "http" : "https";

    std::vector<std::string> args = {PICO_PYTHON3,  PICO_UPDATER_TEST_DIR "/release_server.py",
                                     "--root",      (base / "files").string(),
                                     "--port-file", port_file.string(),
                                     "--log",       server.log.string()};
    if (!cert.empty()) {
        auto const certs = ca_file().parent_path();
        args.insert(args.end(), {"--cert", (certs / (cert + ".pem")).string(), "--key",
                                 (certs / (cert + ".key")).string()});
    }
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + args[1]);
    server.pid = pid;

    // Python starts in well under a second; the limit is only a safety net.
    for (int i = 0; i < 600 && !std::filesystem::exists(port_file); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!std::filesystem::exists(port_file))
        throw std::runtime_error("release_server.py (" + name + ") did not start");
    server.port = static_cast<std::uint16_t>(std::stoi(read_text(port_file)));
    return server;
}

void release_servers::shutdown()
{
    for (auto* s : {&m_trusted, &m_rogue, &m_wrong_host, &m_plain}) {
        if (s->pid > 0) {
            kill(s->pid, SIGTERM);
            waitpid(s->pid, nullptr, 0);
            s->pid = -1;
        }
    }
    if (!m_dir.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
        m_dir.clear();
    }
}

} // namespace pico::updater::test
