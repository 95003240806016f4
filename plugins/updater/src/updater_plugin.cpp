// The updater plugin: publishes the updater service and runs the checks.
#include "update_checker.hpp"

#include <memory>
#include <picotorrent/sdk/plugin.hpp>

namespace pico::updater {

/// Looks for a newer PicoTorrent release; never downloads or runs anything.
class updater_plugin final : public sdk::plugin {
  public:
    ~updater_plugin() override
    {
        if (m_checker)
            m_checker->stop();
    }

    void start(sdk::host& h) override
    {
        m_checker = std::make_shared<update_checker>(h);
        m_service = sdk::publish_service<updater_service>(h, m_checker);
        m_checker->start();
    }

    void stop() override
    {
        m_service.reset();
        if (m_checker)
            m_checker->stop();
        m_checker.reset();
    }

  private:
    std::shared_ptr<update_checker> m_checker;
    sdk::subscription m_service;
};

} // namespace pico::updater

PICO_DECLARE_PLUGIN("updater", pico::updater::updater_plugin)
