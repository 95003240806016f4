// The HTTP(S) servers the updater's integration tests talk to, all on 127.0.0.1: certificates
// made with `openssl` by make_test_certs.sh, servers run by release_server.py. Started on first
// use, stopped (by PID) when the test process ends.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <sys/types.h>

namespace pico::updater::test {

/// The whole content of a file; empty when it cannot be read.
std::string read_text(std::filesystem::path const& p);
/// Makes a new, empty folder under the system's temporary directory.
std::filesystem::path make_temp_dir(std::string const& prefix);

/// One running release_server.py.
struct release_server {
    /// Its port on 127.0.0.1.
    std::uint16_t port = 0;
    /// "https" or "http".
    std::string scheme;
    /// File the server appends each request path to.
    std::filesystem::path log;
    /// The server process.
    pid_t pid = -1;

    /// "scheme://127.0.0.1:port" + path.
    std::string url(std::string const& path) const;
    /// How many requests so far had a path containing `text`.
    int requests_with(std::string const& text) const;
};

/// The shared servers and files of one test process.
class release_servers {
  public:
    /// The process-wide instance.
    static release_servers& get();
    /// HTTPS with a certificate for 127.0.0.1 signed by the test CA.
    release_server const& trusted();
    /// HTTPS with a certificate for 127.0.0.1 signed by a CA the client does not trust.
    release_server const& rogue();
    /// HTTPS with a certificate signed by the test CA but issued for another host name.
    release_server const& wrong_host();
    /// Plain HTTP.
    release_server const& plain();
    /// The test CA (for updater.ca_file).
    std::filesystem::path ca_file();
    /// Writes a file every server serves as /files/<name>.
    void write_file(std::string const& name, std::string const& content);
    /// Stops every server this process started and removes the files.
    void shutdown();

  private:
    release_servers() = default;
    std::filesystem::path dir();
    release_server const& start(release_server& server, std::string const& name, std::string const& cert);

    std::filesystem::path m_dir;
    bool m_certs = false;
    release_server m_trusted;
    release_server m_rogue;
    release_server m_wrong_host;
    release_server m_plain;
};

} // namespace pico::updater::test
