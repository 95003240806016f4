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
        bool const started = app.start();
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
