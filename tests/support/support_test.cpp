// The test-support library checked against reality: real files, real processes, and two real
// libtorrent sessions exchanging a payload over 127.0.0.1.
#include "support/test_support.hpp"

#include <arpa/inet.h>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace pico::test_support;
using namespace std::chrono_literals;

std::string slurp(fs::path const& p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Restores one environment variable when the test ends.
struct env_guard {
    std::string name;
    std::optional<std::string> saved;
    explicit env_guard(std::string n) : name(std::move(n))
    {
        if (char const* v = std::getenv(name.c_str()))
            saved = v;
    }
    ~env_guard()
    {
        if (saved)
            ::setenv(name.c_str(), saved->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

TEST(temp_dir, is_created_and_removed_with_its_contents)
{
    env_guard keep("PICO_KEEP_TEST_DIRS");
    ::unsetenv("PICO_KEEP_TEST_DIRS");
    fs::path where;
    {
        temp_dir a, b;
        where = a.path();
        EXPECT_TRUE(fs::is_directory(a.path()));
        EXPECT_NE(a.path(), b.path());
        std::ofstream(a.path() / "file") << "x";
        fs::create_directories(a.path() / "sub" / "dir");
    }
    EXPECT_FALSE(fs::exists(where));
}

TEST(temp_dir, is_kept_when_asked)
{
    env_guard keep("PICO_KEEP_TEST_DIRS");
    ::setenv("PICO_KEEP_TEST_DIRS", "1", 1);
    fs::path where;
    {
        temp_dir a;
        where = a.path();
    }
    EXPECT_TRUE(fs::is_directory(where));
    fs::remove_all(where);
}

TEST(payload, is_deterministic_per_seed_and_path)
{
    temp_dir tmp;
    std::vector<payload_file> const files{{"a.bin", 100003}, {"sub/b.bin", 7}, {"empty", 0}};
    EXPECT_EQ(make_payload(tmp.path() / "one", files, 42), 100010);
    make_payload(tmp.path() / "two", files, 42);
    make_payload(tmp.path() / "other", files, 43);

    EXPECT_EQ(fs::file_size(tmp.path() / "one" / "a.bin"), 100003u);
    EXPECT_EQ(fs::file_size(tmp.path() / "one" / "sub" / "b.bin"), 7u);
    EXPECT_EQ(fs::file_size(tmp.path() / "one" / "empty"), 0u);
    EXPECT_TRUE(files_equal(tmp.path() / "one", tmp.path() / "two"));
    EXPECT_NE(slurp(tmp.path() / "one" / "a.bin"), slurp(tmp.path() / "other" / "a.bin"));
    // Files of one payload differ from each other, so a swapped file would be noticed.
    make_payload(tmp.path() / "pair", {{"x", 4096}, {"y", 4096}}, 1);
    EXPECT_NE(slurp(tmp.path() / "pair" / "x"), slurp(tmp.path() / "pair" / "y"));
}

TEST(files_equal, names_the_first_difference)
{
    temp_dir tmp;
    make_payload(tmp.path() / "a", {{"f.bin", 5000}, {"d/g.bin", 300}}, 7);
    make_payload(tmp.path() / "b", {{"f.bin", 5000}, {"d/g.bin", 300}}, 7);
    std::string why;
    EXPECT_TRUE(files_equal(tmp.path() / "a", tmp.path() / "b", &why)) << why;
    EXPECT_TRUE(files_equal(tmp.path() / "a" / "f.bin", tmp.path() / "b" / "f.bin"));

    {
        std::fstream f(tmp.path() / "b" / "f.bin", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4321);
        char c = 0;
        f.read(&c, 1);
        f.seekp(4321);
        c = static_cast<char>(c ^ 1);
        f.write(&c, 1);
    }
    EXPECT_FALSE(files_equal(tmp.path() / "a", tmp.path() / "b", &why));
    EXPECT_NE(why.find("byte 4321"), std::string::npos) << why;

    make_payload(tmp.path() / "c", {{"f.bin", 5000}, {"d/g.bin", 300}, {"extra", 1}}, 7);
    EXPECT_FALSE(files_equal(tmp.path() / "a", tmp.path() / "c", &why));
    EXPECT_NE(why.find("extra"), std::string::npos) << why;

    make_payload(tmp.path() / "short", {{"f.bin", 4999}}, 7);
    EXPECT_FALSE(files_equal(tmp.path() / "a" / "f.bin", tmp.path() / "short" / "f.bin", &why));
    EXPECT_FALSE(files_equal(tmp.path() / "a", tmp.path() / "a" / "f.bin"));
    EXPECT_FALSE(files_equal(tmp.path() / "a" / "f.bin", tmp.path() / "missing"));
}

TEST(make_torrent, carries_every_option)
{
    temp_dir tmp;
    make_payload(tmp.path() / "data", {{"one.bin", 70000}, {"two/three.bin", 1000}}, 5);

    auto const hybrid =
        make_torrent(tmp.path() / "data", tmp.path() / "hybrid.torrent",
                     {.trackers = {"http://127.0.0.1:1/announce", "http://127.0.0.1:2/announce"},
                      .web_seeds = {"http://127.0.0.1:3/"},
                      .piece_size = 32768,
                      .private_torrent = true});
    lt::torrent_info const ti((tmp.path() / "hybrid.torrent").string());
    EXPECT_EQ(ti.info_hashes(), hybrid);
    EXPECT_TRUE(hybrid.has_v1());
    EXPECT_TRUE(hybrid.has_v2());
    EXPECT_EQ(ti.name(), "data");
    EXPECT_EQ(ti.piece_length(), 32768);
    EXPECT_TRUE(ti.priv());
    ASSERT_EQ(ti.trackers().size(), 2u);
    EXPECT_EQ(ti.trackers()[0].url, "http://127.0.0.1:1/announce");
    EXPECT_EQ(ti.trackers()[1].tier, 1);
    ASSERT_EQ(ti.web_seeds().size(), 1u);
    EXPECT_EQ(ti.web_seeds()[0].url, "http://127.0.0.1:3/");
    std::int64_t payload_bytes = 0;
    for (auto const i : ti.files().file_range())
        payload_bytes += ti.files().pad_file_at(i) ? 0 : ti.files().file_size(i);
    EXPECT_EQ(payload_bytes, 71000) << "pad files aside, the payload";

    auto const v1 = make_torrent(tmp.path() / "data", tmp.path() / "v1.torrent", {.v1_only = true});
    EXPECT_TRUE(v1.has_v1());
    EXPECT_FALSE(v1.has_v2());
    auto const v2 = make_torrent(tmp.path() / "data/", tmp.path() / "v2.torrent", {.v2_only = true});
    EXPECT_FALSE(v2.has_v1());
    EXPECT_TRUE(v2.has_v2());
    EXPECT_EQ(lt::torrent_info((tmp.path() / "v2.torrent").string()).name(), "data");

    auto const single = make_torrent(tmp.path() / "data" / "one.bin", tmp.path() / "single.torrent", {});
    lt::torrent_info const sti((tmp.path() / "single.torrent").string());
    EXPECT_EQ(sti.info_hashes(), single);
    EXPECT_EQ(sti.num_files(), 1);
    EXPECT_EQ(sti.total_size(), 70000);

    EXPECT_ANY_THROW(make_torrent(tmp.path() / "nothing-here", tmp.path() / "x.torrent", {}));
}

TEST(loopback, settings_keep_traffic_on_loopback)
{
    auto const s = loopback_settings();
    EXPECT_EQ(s.get_str(lt::settings_pack::listen_interfaces), "127.0.0.1:0");
    EXPECT_FALSE(s.get_bool(lt::settings_pack::enable_dht));
    EXPECT_FALSE(s.get_bool(lt::settings_pack::enable_lsd));
    EXPECT_FALSE(s.get_bool(lt::settings_pack::enable_upnp));
    EXPECT_FALSE(s.get_bool(lt::settings_pack::enable_natpmp));
    EXPECT_TRUE(s.get_bool(lt::settings_pack::allow_multiple_connections_per_ip));
    EXPECT_EQ(s.get_int(lt::settings_pack::upload_rate_limit), 0);
    EXPECT_EQ(s.get_int(lt::settings_pack::download_rate_limit), 0);
    EXPECT_NE(s.get_int(lt::settings_pack::alert_mask) &
                  static_cast<int>(static_cast<std::uint32_t>(lt::alert_category::status)),
              0);
}

TEST(loopback, free_tcp_port_can_be_bound)
{
    auto const port = free_tcp_port();
    ASSERT_NE(port, 0);
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << "port " << port;
    ::close(fd);
}

TEST(wait_until, returns_when_true_or_after_the_timeout)
{
    int calls = 0;
    EXPECT_TRUE(wait_until([&] { return ++calls == 3; }, 10s, 1ms));
    EXPECT_EQ(calls, 3);
    auto const start = std::chrono::steady_clock::now();
    EXPECT_FALSE(wait_until([] { return false; }, 50ms, 5ms));
    EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
}

TEST(child_process, captures_output_env_and_exit_code)
{
    temp_dir tmp;
    child_process p("sh", {"-c", "echo out; echo \"$PICO_TEST_VAR\" >&2; pwd; exit 3"},
                    {{"PICO_TEST_VAR", "from the test"}}, tmp.path());
    EXPECT_EQ(p.wait(60s), 3);
    EXPECT_EQ(p.exit_code(), 3);
    EXPECT_FALSE(p.running());
    EXPECT_EQ(p.stdout_text(), "out\n" + fs::canonical(tmp.path()).string() + "\n");
    EXPECT_EQ(p.stderr_text(), "from the test\n");
}

TEST(child_process, signals_timeouts_and_waiting_for_output)
{
    child_process p("/bin/sh", {"-c", "echo ready; exec sleep 60"});
    EXPECT_TRUE(p.wait_for_stdout("ready", 60s));
    EXPECT_TRUE(p.running());
    EXPECT_EQ(p.wait(10ms), -1) << "still running";
    EXPECT_FALSE(p.exit_code());
    p.kill(SIGTERM);
    EXPECT_EQ(p.wait(60s), 128 + SIGTERM);
    EXPECT_FALSE(p.wait_for_stderr("never printed", 60s)) << "returns once the child has exited";
}

TEST(child_process, destructor_kills_only_its_own_child)
{
    child_process bystander("sleep", {"60"});
    pid_t pid = -1;
    {
        child_process p("sleep", {"60"});
        pid = p.pid();
        ASSERT_GT(pid, 0);
        EXPECT_EQ(::kill(pid, 0), 0);
    }
    // Killed and reaped: the pid no longer names a process of ours.
    EXPECT_NE(::kill(pid, 0), 0);
    EXPECT_TRUE(bystander.running());
    bystander.kill();
    EXPECT_EQ(bystander.wait(60s), 128 + SIGKILL);
}

TEST(child_process, a_missing_program_throws)
{
    EXPECT_THROW(child_process("/nonexistent/program", {}), std::system_error);
}

// The proof that seeder and loopback_settings work: a second session downloads from it.
TEST(seeder, serves_a_loopback_download_byte_exact)
{
    temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "album";
    auto const total = make_payload(payload, {{"a.bin", (1 << 20) + 5}, {"b/c.bin", 200000}}, 11);
    auto const torrent = tmp.path() / "album.torrent";
    make_torrent(payload, torrent, {.piece_size = 65536});
    seeder s(torrent, tmp.path() / "seed");
    EXPECT_EQ(s.endpoint(), "127.0.0.1:" + std::to_string(s.port()));
    EXPECT_TRUE(s.handle().status().is_seeding);

    lt::session leech{lt::session_params(loopback_settings())};
    lt::add_torrent_params atp;
    atp.ti = std::make_shared<lt::torrent_info>(torrent.string());
    atp.save_path = (tmp.path() / "download").string();
    atp.peers.emplace_back(lt::make_address("127.0.0.1"), s.port());
    auto const h = leech.add_torrent(std::move(atp));
    ASSERT_TRUE(wait_until([&] { return h.status().is_seeding; }, 120s)) << "download did not finish";
    std::string why;
    EXPECT_TRUE(files_equal(payload, tmp.path() / "download" / "album", &why)) << why;
    EXPECT_TRUE(wait_until([&] { return s.uploaded() >= total; }, 30s)) << s.uploaded() << " of " << total;
}

TEST(seeder, applies_its_upload_limit_to_loopback_peers)
{
    temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "slow.bin";
    make_payload(payload.parent_path(), {{"slow.bin", 1 << 20}}, 12);
    auto const torrent = tmp.path() / "slow.torrent";
    make_torrent(payload, torrent, {.piece_size = 16384});
    seeder s(torrent, tmp.path() / "seed", {.upload_rate_limit = 256 << 10, .seed_mode = true});

    lt::session leech{lt::session_params(loopback_settings())};
    lt::add_torrent_params atp;
    atp.ti = std::make_shared<lt::torrent_info>(torrent.string());
    atp.save_path = (tmp.path() / "download").string();
    atp.peers.emplace_back(lt::make_address("127.0.0.1"), s.port());
    auto const start = std::chrono::steady_clock::now();
    auto const h = leech.add_torrent(std::move(atp));
    ASSERT_TRUE(wait_until([&] { return h.status().is_seeding; }, 120s));
    // 1 MiB at 256 KiB/s takes about 4 s; even with a generous burst it cannot take under 2 s.
    EXPECT_GE(std::chrono::steady_clock::now() - start, 2s);
    EXPECT_TRUE(files_equal(payload, tmp.path() / "download" / "slow.bin"));
}

TEST(seeder, refuses_data_that_does_not_match)
{
    temp_dir tmp;
    make_payload(tmp.path() / "real", {{"x.bin", 100000}}, 1);
    make_payload(tmp.path() / "fake", {{"x.bin", 100000}}, 2);
    make_torrent(tmp.path() / "real" / "x.bin", tmp.path() / "x.torrent", {});
    try {
        seeder s(tmp.path() / "x.torrent", tmp.path() / "fake");
        ADD_FAILURE() << "seeded data that does not match";
    } catch (std::runtime_error const& e) {
        EXPECT_NE(std::string(e.what()).find("does not match"), std::string::npos) << e.what();
    }
}

} // namespace
