// The Create torrent dialog: what it asks the host for, progress from the hashing thread,
// cancel, and "add to session and seed". The host's creator itself is tested in
// tests/unit/cli/torrent_creation_job_test.cpp and, through the real host, by gui_end_to_end.
#include "create_torrent_dialog.hpp"
#include "gui_tests.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QTemporaryDir>
#include <QTest>
#include <picotorrent/sdk/testing/fake_host.hpp>
#include <thread>

using namespace pico;

namespace {

/// The fake host with a create_torrent that "hashes" `pieces` pieces on its own thread, as the
/// real host does on its pool, and answers on the host thread (run_posted).
class creating_host final : public sdk::testing::fake_host {
  public:
    std::int32_t pieces = 40;
    std::string refusal; // when set, the answer is this error
    std::vector<sdk::create_torrent_request> requests;

    ~creating_host() override
    {
        if (m_worker.joinable())
            m_worker.join();
    }
    void create_torrent(sdk::create_torrent_request request, sdk::create_progress progress,
                        sdk::create_done done) override
    {
        requests.push_back(request);
        m_worker = std::thread([this, request, progress, done] {
            sdk::create_torrent_result r;
            r.output = request.output;
            for (std::int32_t i = 1; i <= pieces; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                if (!progress(i, pieces)) {
                    r.cancelled = true;
                    r.error = "cancelled";
                    break;
                }
            }
            if (!r.cancelled) {
                r.ok = refusal.empty();
                r.error = refusal;
                r.info_hash = std::string(40, 'e');
                r.piece_count = pieces;
            }
            post([done, r] { done(r); });
        });
    }

  private:
    std::thread m_worker;
};

struct create_fixture {
    QTemporaryDir dir;
    creating_host host;
    gui::gui_bridge bridge;
    QObject receiver;
    gui::host_link link{host, bridge, nullptr, nullptr, dir.path().toStdString(), "/downloads", nullptr};
    create_fixture() { bridge.attach(&receiver); }
    /// Plays the host thread until the dialog has its answer.
    bool finish(gui::create_torrent_dialog const& d)
    {
        for (int i = 0; i < 2000 && d.running(); ++i) {
            host.run_posted();
            QTest::qWait(5);
        }
        return !d.running();
    }
};

template <class T> T* named(QWidget const& parent, QString const& name)
{
    for (auto* w : parent.findChildren<T*>()) {
        if (w->accessibleName() == name)
            return w;
    }
    return nullptr;
}

} // namespace

void gui_create_test::create_sends_the_request_shows_progress_and_seeds()
{
    create_fixture f;
    gui::create_torrent_dialog d(f.link);
    QCOMPARE(d.windowTitle(), QStringLiteral("Create torrent"));
    for (auto* child : d.findChildren<QWidget*>()) {
        if (child->inherits("QAbstractButton") || child->inherits("QLineEdit") ||
            child->inherits("QComboBox") || child->inherits("QPlainTextEdit") ||
            child->inherits("QProgressBar"))
            QVERIFY2(!child->accessibleName().isEmpty(), child->metaObject()->className());
    }
    d.set_source(QStringLiteral("/data/album/"));
    named<QPlainTextEdit>(d, QStringLiteral("Trackers, one per line"))
        ->setPlainText(QStringLiteral("http://127.0.0.1:1/announce\n\n udp://127.0.0.1:2 \n"));
    auto* piece = named<QComboBox>(d, QStringLiteral("Piece size"));
    piece->setCurrentIndex(piece->findData(64));
    auto* format = named<QComboBox>(d, QStringLiteral("Torrent format"));
    format->setCurrentIndex(format->findData(static_cast<int>(sdk::torrent_format::v2_only)));
    named<QCheckBox>(d, QStringLiteral("Private"))->setChecked(true);
    d.start();
    QVERIFY(d.running());
    f.host.run_posted(); // the host thread picks up the request
    QCOMPARE(f.host.requests.size(), std::size_t(1));
    auto const& r = f.host.requests[0];
    QCOMPARE(r.source, std::string("/data/album"));
    QCOMPARE(r.output, std::string("/data/album.torrent"));
    QCOMPARE(r.trackers, (std::vector<std::string>{"http://127.0.0.1:1/announce", "udp://127.0.0.1:2"}));
    QCOMPARE(r.piece_size_kib, std::int64_t(64));
    QVERIFY(r.format == sdk::torrent_format::v2_only);
    QVERIFY(r.is_private);
    QVERIFY(f.finish(d));
    QCOMPARE(d.progress_bar()->value(), 1000);
    QVERIFY2(d.outcome().contains(QStringLiteral("seeding")), qPrintable(d.outcome()));
    // Seeding: the new file added from where the data is.
    QCOMPARE(f.host.added.size(), std::size_t(1));
    QCOMPARE(f.host.added[0].location, std::string("/data/album.torrent"));
    QCOMPARE(f.host.added[0].save_path, std::string("/data"));
}

void gui_create_test::cancel_stops_hashing_and_adds_nothing()
{
    create_fixture f;
    f.host.pieces = 100000; // ~200 s unless cancelled
    gui::create_torrent_dialog d(f.link);
    d.set_source(f.dir.path());
    d.start();
    f.host.run_posted();
    QTRY_VERIFY(d.progress_bar()->value() > 0); // progress arrives while the GUI thread is free
    d.cancel();
    QVERIFY(f.finish(d));
    QCOMPARE(d.outcome(), QStringLiteral("Cancelled; nothing was written."));
    QVERIFY(f.host.added.empty());
}

void gui_create_test::host_refusal_is_shown()
{
    create_fixture f;
    f.host.pieces = 1;
    f.host.refusal = "/data/album.torrent already exists";
    gui::create_torrent_dialog d(f.link);
    d.set_source(QStringLiteral("/data/album"));
    d.start();
    f.host.run_posted();
    QVERIFY(f.finish(d));
    QCOMPARE(d.outcome(), QStringLiteral("Not created: /data/album.torrent already exists"));
    QVERIFY(f.host.added.empty());
}
