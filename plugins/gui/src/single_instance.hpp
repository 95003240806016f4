// The running GUI's end of single instance: listens on <state-dir>/gui.sock (user-only) for
// the arguments a second `picotorrent gui` hands over (protocol in docs/threading.md).
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QStringList>
#include <functional>

namespace pico::gui {

/// Accepts hand-overs and calls `on_arguments` on the GUI thread for each.
class single_instance final : public QObject {
    Q_OBJECT
  public:
    single_instance(QString const& socket_path, std::function<void(QStringList const&)> on_arguments,
                    QObject* parent = nullptr);
    /// True when listening; else error() says why.
    bool listening() const { return m_server.isListening(); }
    /// Why listening failed.
    QString error() const { return m_server.errorString(); }

  private:
    void accept_one();
    QLocalServer m_server;
    std::function<void(QStringList const&)> m_on_arguments;
};

} // namespace pico::gui
