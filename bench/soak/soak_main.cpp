// bench/soak: kill -9 a multi-file `picotorrent download` from a loopback seeder at chosen
// points (during a resume data write, mid-piece, during the check after a restart, during
// shutdown), restart it each time, and check that every round ends byte-exact, that the state
// stays readable, and that a restart never downloads again what was already on disk.
// See bench/soak/README.md.
#include "piece_audit.hpp"
#include "resume_write_watch.hpp"
#include "state_check.hpp"
#include "support/test_support.hpp"
#include "upload_log.hpp"

#include <csignal>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace {

namespace fs = std::filesystem;
using namespace pico;
using namespace std::chrono_literals;

constexpr double mib = 1024.0 * 1024.0;
constexpr char const* check_line = "did not stop cleanly: checking the files of";

struct options {
    int kills = 20;
    int files = 20;
    int mib_total = 320;
    int rate_mib = 32;
    int resume_interval = 30;
    unsigned seed = 1;
    std::string binary = PICO_BINARY;
    std::vector<std::string> pattern{"resume_write", "mid_piece", "checking", "shutdown"};
    std::string json;
};

options parse(int argc, char** argv)
{
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        if (a == "--kills")
            o.kills = std::stoi(value());
        else if (a == "--files")
            o.files = std::stoi(value());
        else if (a == "--mib")
            o.mib_total = std::stoi(value());
        else if (a == "--rate-mib")
            o.rate_mib = std::stoi(value());
        else if (a == "--resume-interval")
            o.resume_interval = std::stoi(value());
        else if (a == "--seed")
            o.seed = static_cast<unsigned>(std::stoul(value()));
        else if (a == "--binary")
            o.binary = value();
        else if (a == "--json")
            o.json = value();
        else if (a == "--pattern") {
            o.pattern.clear();
            std::istringstream in(value());
            for (std::string p; std::getline(in, p, ',');)
                o.pattern.push_back(p);
        } else
            throw std::invalid_argument("unknown option " + a + " (see bench/soak/README.md)");
    }
    for (auto const& p : o.pattern)
        if (p != "resume_write" && p != "mid_piece" && p != "checking" && p != "shutdown")
            throw std::invalid_argument("unknown kill point " + p);
    if (o.kills < 1 || o.files < 2 || o.mib_total < 2 || o.rate_mib < 1 || o.resume_interval < 1)
        throw std::invalid_argument(
            "--kills, --files, --mib, --rate-mib and --resume-interval must be positive");
    return o;
}

std::string load_average()
{
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one;
}

std::string file_text(fs::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

int occurrences(std::string const& text, std::string const& needle)
{
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

// One kill: what happened and what it cost.
struct kill_record {
    int round = 0;
    std::string point;
    bool landed = true; // false: the moment never came (the run ended or timed out first)
    std::string detail;
    std::int64_t sent_in_run = 0;
    std::int64_t lost_in_flight = 0; // sent in the killed run, not part of a verified piece after
    int pieces_in_flight = 0;        // pieces with blocks sent in the killed run, not verified after
    std::int64_t resent_after = 0;   // sent by later runs although verified on disk at the kill
    std::string load;
};

class soak_run {
  public:
    explicit soak_run(options o) : m_o(std::move(o)), m_rng(m_o.seed) {}

    int run()
    {
        make_payload();
        test_support::seeder seeder(m_torrent, m_dir.path() / "seed",
                                    {.upload_rate_limit = m_o.rate_mib << 20, .seed_mode = true});
        m_seeder = &seeder;
        soak::upload_log log(seeder.session());
        m_log = &log;
        m_config = test_support::write_loopback_host_config(m_dir.path() / "PicoTorrent.json");

        int done = 0;
        for (int round = 1; done < m_o.kills; ++round) {
            m_round = round;
            round_dir = m_dir.path() / ("round-" + std::to_string(round));
            m_verified = lt::bitfield(m_ti->num_pieces(), false);
            for (std::size_t i = 0; i < m_o.pattern.size() && done < m_o.kills; ++i, ++done)
                kill_once(m_o.pattern[i]);
            complete_round();
        }
        return report();
    }

  private:
    void make_payload()
    {
        auto const root = m_dir.path() / "seed" / "payload";
        std::vector<test_support::payload_file> files;
        std::int64_t const each = (std::int64_t(m_o.mib_total) << 20) / m_o.files;
        for (int i = 0; i < m_o.files; ++i)
            files.push_back({"dir" + std::to_string(i % 3) + "/file" + std::to_string(i) + ".bin",
                             each - (i % 2) * 12345}); // not piece-aligned: pieces span files
        m_total = test_support::make_payload(root, files, m_o.seed);
        m_torrent = m_dir.path() / "payload.torrent";
        test_support::make_torrent(root, m_torrent, {});
        m_ti = std::make_shared<lt::torrent_info>(m_torrent.string());
    }

    std::vector<std::string> args() const
    {
        return {"download",
                m_torrent.string(),
                "--out-dir",
                (round_dir / "out").string(),
                "--peer",
                m_seeder->endpoint(),
                "--config",
                m_config.string(),
                "--state-dir",
                (round_dir / "state").string(),
                "--no-plugins",
                "--resume-interval",
                std::to_string(m_o.resume_interval),
                "--session-timeout",
                "120"};
    }

    std::int64_t block_bytes(soak::block_id const& b) const
    {
        int const piece_size = m_ti->piece_size(lt::piece_index_t(b.first));
        return std::min(16384, piece_size - b.second * 16384);
    }

    // Waits until the seeder has sent `bytes` more than when the run began.
    bool wait_for_progress(test_support::child_process& child, std::int64_t start, std::int64_t bytes)
    {
        return test_support::wait_until(
                   [&] { return !child.running() || m_seeder->uploaded() - start >= bytes; }, 600s, 1ms) &&
               child.running();
    }

    std::int64_t random_share_of_the_rest(double low, double high)
    {
        auto const rest = m_total - soak::payload_bytes(*m_ti, m_verified);
        return static_cast<std::int64_t>(std::uniform_real_distribution<double>(low, high)(m_rng) *
                                         static_cast<double>(rest));
    }

    void kill_once(std::string const& point)
    {
        kill_record k;
        k.round = m_round;
        k.point = point;
        int const run = ++m_run;
        m_log->begin_run(run);
        auto const log_file = round_dir / "state" / "picotorrent.log";
        int const checks_before = occurrences(file_text(log_file), check_line);
        soak::resume_write_watch writes(round_dir / "state" / "resume");
        auto const start = m_seeder->uploaded();
        test_support::child_process child(m_o.binary, args());
        auto const alive = [&] { return child.running(); };

        if (point == "resume_write") {
            k.landed = writes.wait(120s, alive);
            k.detail = "killed as a resume data write began";
        } else if (point == "mid_piece") {
            k.landed = wait_for_progress(child, start, random_share_of_the_rest(0.1, 0.5));
            k.detail = "killed mid-download";
        } else if (point == "checking") {
            k.landed = test_support::wait_until(
                [&] {
                    return !child.running() || occurrences(file_text(log_file), check_line) > checks_before;
                },
                120s, 1ms);
            // Somewhere within the check: at ~1 GB/s it takes about verified bytes / 1e9 s.
            auto const verified = soak::payload_bytes(*m_ti, m_verified);
            std::this_thread::sleep_for(std::chrono::microseconds(
                std::uniform_int_distribution<std::int64_t>(0, verified / 1000)(m_rng)));
            k.landed = k.landed && child.running();
        } else {
            k.landed = wait_for_progress(child, start, random_share_of_the_rest(0.1, 0.5));
            child.kill(SIGINT);
            k.landed = k.landed && writes.wait(60s, alive);
            k.detail = "SIGINT, then killed as its resume data write began";
        }
        child.kill(SIGKILL);
        child.wait(60s);
        k.load = load_average();
        if (!k.landed)
            k.detail = "the moment never came: " + child.stderr_text();
        account(k, run);
        if (point == "checking")
            k.detail = k.sent_in_run == 0 ? "killed during the check (nothing requested yet)"
                                          : "killed after the check (payload already flowing)";
        for (auto const& problem : soak::unreadable_state(m_config, round_dir / "state"))
            fail("round " + std::to_string(m_round) + " after " + point + ": " + problem);
        print(k);
        m_kills.push_back(k);
    }

    // What the killed run cost, from the seeder's log and the pieces now verified on disk.
    void account(kill_record& k, int run)
    {
        auto const now = soak::verified_pieces(*m_ti, round_dir / "out");
        charge_resends(run);
        std::set<int> in_flight;
        for (auto const& b : m_log->blocks_of(run)) {
            k.sent_in_run += block_bytes(b);
            if (!now.get_bit(b.first)) {
                k.lost_in_flight += block_bytes(b);
                in_flight.insert(b.first);
            }
        }
        k.pieces_in_flight = static_cast<int>(in_flight.size());
        for (int p = 0; p < m_ti->num_pieces(); ++p)
            if (m_verified.get_bit(p) && !now.get_bit(p))
                fail("round " + std::to_string(m_round) + ": piece " + std::to_string(p) +
                     " was verified on disk, then lost");
        m_verified = now;
    }

    // Blocks run `run` received for pieces already verified on disk when it started: a restart
    // that did not trust what was there. Charged to the kill before it.
    void charge_resends(int run)
    {
        if (m_kills.empty() || m_kills.back().round != m_round)
            return;
        for (auto const& b : m_log->blocks_of(run))
            if (m_verified.get_bit(b.first))
                m_kills.back().resent_after += block_bytes(b);
    }

    void complete_round()
    {
        int const run = ++m_run;
        m_log->begin_run(run);
        test_support::child_process child(m_o.binary, args());
        int const code = child.wait(900s);
        charge_resends(run);
        if (code != 0)
            fail("round " + std::to_string(m_round) + ": the last run exited " + std::to_string(code) + ": " +
                 child.stderr_text());
        std::string why;
        if (!test_support::files_equal(m_dir.path() / "seed" / "payload", round_dir / "out" / "payload",
                                       &why))
            fail("round " + std::to_string(m_round) + " is not byte-exact: " + why);
        std::int64_t sent = 0;
        for (int r = m_first_run_of_round; r <= run; ++r)
            for (auto const& b : m_log->blocks_of(r))
                sent += block_bytes(b);
        std::cout << "round " << m_round << ": complete, byte-exact " << (why.empty() ? "yes" : "NO") << ", "
                  << std::fixed << std::setprecision(2) << static_cast<double>(sent) / mib << " MiB sent for "
                  << static_cast<double>(m_total) / mib << " MiB\n";
        m_sent_total += sent;
        m_first_run_of_round = run + 1;
        std::error_code ec;
        fs::remove_all(round_dir, ec); // 5 rounds of 320 MiB would fill a small /tmp
    }

    void print(kill_record const& k) const
    {
        std::cout << "round " << k.round << " kill " << m_kills.size() + 1 << " " << std::left
                  << std::setw(12) << k.point << std::right << " lost in flight " << std::fixed
                  << std::setprecision(2) << static_cast<double>(k.lost_in_flight) / mib << " MiB ("
                  << k.pieces_in_flight << " pieces), load " << k.load << ": " << k.detail
                  << (k.landed ? "" : " [NOT LANDED]") << "\n";
    }

    void fail(std::string const& what)
    {
        std::cout << "FAIL: " << what << "\n";
        m_failed = true;
    }

    int report()
    {
        std::int64_t lost = 0, resent = 0, worst = 0;
        int landed = 0;
        std::cout << "kill  round  point         lost in flight  pieces  re-sent later  load\n";
        for (std::size_t i = 0; i < m_kills.size(); ++i) {
            auto const& k = m_kills[i];
            std::cout << std::setw(4) << i + 1 << std::setw(7) << k.round << "  " << std::left
                      << std::setw(12) << k.point << std::right << std::fixed << std::setprecision(2)
                      << std::setw(11) << static_cast<double>(k.lost_in_flight) / mib << " MiB"
                      << std::setw(8) << k.pieces_in_flight << std::setw(11)
                      << static_cast<double>(k.resent_after) / mib << " MiB  " << k.load
                      << (k.landed ? "" : "  (moment missed)") << "\n";
        }
        for (auto const& k : m_kills) {
            lost += k.lost_in_flight;
            resent += k.resent_after;
            worst = std::max(worst, k.lost_in_flight + k.resent_after);
            landed += k.landed ? 1 : 0;
            if (k.resent_after > 0)
                fail("round " + std::to_string(k.round) + " " + k.point + ": " +
                     std::to_string(k.resent_after) + " bytes verified on disk were downloaded again");
        }
        auto const n = static_cast<double>(m_kills.size());
        std::cout << std::fixed << std::setprecision(2) << "kills: " << m_kills.size() << " (" << landed
                  << " at the intended moment), resume interval " << m_o.resume_interval << " s, piece "
                  << m_ti->piece_length() / 1024 << " KiB\n"
                  << "loss per kill: mean " << static_cast<double>(lost + resent) / n / mib << " MiB, worst "
                  << static_cast<double>(worst) / mib
                  << " MiB; re-downloaded although on disk: " << static_cast<double>(resent) / mib << " MiB\n"
                  << "sent " << static_cast<double>(m_sent_total) / mib << " MiB for "
                  << static_cast<double>(m_total) / mib * (m_round) << " MiB of rounds\n";
        if (!m_o.json.empty()) {
            std::ofstream out(m_o.json, std::ios::app);
            for (auto const& k : m_kills)
                out << std::boolalpha << "{\"round\":" << k.round << ",\"point\":\"" << k.point
                    << "\",\"landed\":" << k.landed << ",\"lost_in_flight\":" << k.lost_in_flight
                    << ",\"pieces_in_flight\":" << k.pieces_in_flight
                    << ",\"resent_after\":" << k.resent_after << ",\"sent_in_run\":" << k.sent_in_run
                    << ",\"resume_interval\":" << m_o.resume_interval << ",\"load\":" << k.load << "}\n";
        }
        std::cout << (m_failed ? "soak: FAILED\n" : "soak: passed\n");
        return m_failed ? 1 : 0;
    }

    options m_o;
    std::mt19937 m_rng;
    test_support::temp_dir m_dir;
    fs::path m_torrent;
    fs::path m_config;
    fs::path round_dir;
    std::shared_ptr<lt::torrent_info const> m_ti;
    std::int64_t m_total = 0;
    std::int64_t m_sent_total = 0;
    test_support::seeder* m_seeder = nullptr;
    soak::upload_log* m_log = nullptr;
    lt::bitfield m_verified;
    std::vector<kill_record> m_kills;
    int m_round = 0;
    int m_run = 0;
    int m_first_run_of_round = 1;
    bool m_failed = false;
};

} // namespace

int main(int argc, char** argv)
try {
    return soak_run(parse(argc, argv)).run();
} catch (std::exception const& e) {
    std::cerr << "soak: " << e.what() << '\n';
    return 2;
}
