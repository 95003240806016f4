#include "config_view.hpp"

#include <QJsonDocument>
#include <QJsonObject>

namespace pico::gui {

config_view read_config_view(std::string const& json)
{
    config_view v;
    auto const root = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    v.show_add_dialog = root.value(QStringLiteral("ui"))
                            .toObject()
                            .value(QStringLiteral("show_add_torrent_dialog"))
                            .toBool(true);
    auto const proxy = root.value(QStringLiteral("proxy")).toObject();
    auto const type = proxy.value(QStringLiteral("type")).toString(QStringLiteral("none"));
    v.proxy_forced = proxy.value(QStringLiteral("force")).toBool(false) && type != QStringLiteral("none");
    v.listen = root.value(QStringLiteral("session"))
                   .toObject()
                   .value(QStringLiteral("listen_interfaces"))
                   .toString()
                   .toStdString();
    return v;
}

std::string listen_text(config_view const& v)
{
    return v.proxy_forced ? std::string("proxy: forced") : "listen: " + v.listen;
}

} // namespace pico::gui
