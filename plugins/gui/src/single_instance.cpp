#include "single_instance.hpp"

#include <QLocalSocket>

namespace pico::gui {

single_instance::single_instance(QString const& socket_path,
                                 std::function<void(QStringList const&)> on_arguments, QObject* parent)
    : QObject(parent), m_on_arguments(std::move(on_arguments))
{
    // `picotorrent gui` connected first and found nobody: a leftover file is stale.
    QLocalServer::removeServer(socket_path);
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    m_server.listen(socket_path);
    connect(&m_server, &QLocalServer::newConnection, this, &single_instance::accept_one);
}

void single_instance::accept_one()
{
    while (auto* socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            // Whole message: header, arguments, an empty line. Cap it so a stray client cannot grow it.
            auto const buffered = socket->peek(1 << 20);
            if (!buffered.endsWith("\n\n") && buffered != "picotorrent-gui 1\n\n") {
                if (buffered.size() >= (1 << 20))
                    socket->abort();
                return;
            }
            auto lines = QString::fromUtf8(socket->readAll()).split(QLatin1Char('\n'));
            if (lines.value(0) != QStringLiteral("picotorrent-gui 1")) {
                socket->abort();
                return;
            }
            lines.removeFirst();
            lines.removeAll(QString());
            socket->write("ok\n");
            socket->flush();
            socket->disconnectFromServer();
            m_on_arguments(lines);
        });
    }
}

} // namespace pico::gui
