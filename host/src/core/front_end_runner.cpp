#include "core/front_end_runner.hpp"

#include <boost/asio/post.hpp>
#include <future>
#include <thread>

namespace pico::core {

int run_with_front_end(application& app, std::vector<std::string> const& arguments)
{
    std::promise<std::shared_ptr<sdk::front_end>> ready;
    auto front_end_ready = ready.get_future();
    int exit_code = exit_failure;
    std::thread host_thread([&] {
        bool const plugins_started = app.start_plugins_phase();
        // A front-end that asked to (its manifest's front_end_before_restore) gets the main
        // thread now, while this thread still restores saved torrents: its window shows at
        // once. What it posts still runs after host_started, when run() below drains the loop.
        bool const early = plugins_started && app.front_end() && app.front_end_before_restore();
        if (early) {
            app.front_end_started();
            ready.set_value(app.front_end());
        }
        bool const started = plugins_started && app.start_session_phase();
        if (early) {
            if (!started) // the loop is running: it is asked to quit, then the host stops
                app.request_stop(exit_bad_input);
            exit_code = app.run();
            return;
        }
        bool const has_front_end = started && app.front_end();
        if (has_front_end) {
            app.front_end_started();
        } else if (started) {
            app.log().write(sdk::log_level::error, "host",
                            "no front-end plugin started (is the gui plugin installed and selected? see "
                            "`picotorrent plugins`)");
        }
        ready.set_value(has_front_end ? app.front_end() : nullptr);
        if (!has_front_end)
            app.request_stop(started ? exit_failure : exit_bad_input);
        exit_code = app.run();
    });

    // Only the host keeps a reference: the plugin's library must not be unloaded under the last one.
    if (auto fe = front_end_ready.get()) {
        try {
            fe->run(arguments);
        } catch (std::exception const& e) {
            app.log().write(sdk::log_level::error, "host", std::string("front-end failed: ") + e.what());
        } catch (...) {
            app.log().write(sdk::log_level::error, "host", "front-end failed with a non-standard exception");
        }
        fe.reset();
        // The host thread owns the application from here on; the main thread only waits.
        boost::asio::post(app.io(), [&app] { app.front_end_returned(); });
    }
    host_thread.join();
    return exit_code;
}

} // namespace pico::core
