// GUI-side scale figures (not a test): run `build/bin/gui_bench` with QT_QPA_PLATFORM=offscreen
// or under Xvfb. Each figure feeds the real models and window the way host events would.
#include "file_tree_model.hpp"
#include "main_window.hpp"
#include "torrent_filter_model.hpp"
#include "torrent_list_model.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <QTemporaryDir>
#include <ctime>
#include <iostream>
#include <picotorrent/sdk/testing/fake_host.hpp>

using namespace pico;

namespace {

sdk::torrent_snapshot fake_torrent(int i)
{
    sdk::torrent_snapshot t;
    t.info_hash = std::to_string(1000000 + i) + std::string(33, 'a');
    t.name = "Torrent number " + std::to_string((i * 7919) % 10007);
    t.size = (static_cast<std::int64_t>(i) * 104729) % (1LL << 34);
    t.status = sdk::status_code::downloading;
    t.queue_position = i;
    return t;
}

double thread_cpu_ms()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    sdk::testing::fake_host host;
    gui::gui_bridge bridge;
    gui::host_link link{host, bridge, nullptr, nullptr, dir.path().toStdString(), "/tmp", nullptr};

    // 1. 10,000 restored torrents arriving as torrent_added events, then the window painted.
    QElapsedTimer timer;
    timer.start();
    gui::main_window window(link);
    window.show();
    for (int i = 0; i < 10000; ++i)
        window.on_added(fake_torrent(i));
    QApplication::processEvents();
    window.view()->viewport()->repaint();
    std::cout << "10,000 torrent_added events to a painted window: " << timer.elapsed() << " ms\n";

    // 2. 1,000 torrents changing every second: GUI thread CPU per 1,000-row batch, 10 batches.
    double const cpu_before = thread_cpu_ms();
    for (int round = 0; round < 10; ++round) {
        std::vector<sdk::torrent_snapshot> batch;
        for (int i = 0; i < 1000; ++i) {
            auto t = fake_torrent(i * 10);
            t.download_rate = round * 1000 + i;
            t.progress = round / 10.0;
            batch.push_back(std::move(t));
        }
        window.on_updated(batch);
        QApplication::processEvents();
        window.view()->viewport()->repaint();
    }
    double const per_second = (thread_cpu_ms() - cpu_before) / 10.0;
    std::cout << "1,000 changed torrents per batch: " << per_second << " ms GUI-thread CPU per second ("
              << per_second / 10.0 << "% of a core)\n";

    // 3. A 20,000-file torrent's tree.
    std::vector<gui::file_row> files;
    for (int i = 0; i < 20000; ++i)
        files.push_back({i,
                         "root/dir" + std::to_string(i % 200) + "/sub" + std::to_string(i % 7) + "/file" +
                             std::to_string(i),
                         1000, 4, 0.0});
    timer.restart();
    gui::file_tree_model tree;
    tree.set_files(files, 20000);
    std::cout << "20,000-file tree built: " << timer.elapsed() << " ms\n";

    // 4. Sorting 10,000 rows by size and by name.
    timer.restart();
    window.filter_model()->sort(gui::col_size, Qt::DescendingOrder);
    std::cout << "sort 10,000 rows by size: " << timer.elapsed() << " ms\n";
    timer.restart();
    window.filter_model()->sort(gui::col_name, Qt::AscendingOrder);
    std::cout << "sort 10,000 rows by name: " << timer.elapsed() << " ms\n";
    return 0;
}
