#include "preference_field.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>

namespace pico::gui {
namespace {

// QJsonDocument writes only arrays and objects: a one-element array, unwrapped.
std::string scalar_json(QJsonValue const& v)
{
    auto const text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2).toStdString();
}

} // namespace

QJsonValue value_at(QJsonObject const& root, std::string const& dotted_key)
{
    auto const parts = QString::fromStdString(dotted_key).split(QLatin1Char('.'));
    QJsonValue node = root;
    for (auto const& part : parts) {
        if (!node.isObject())
            return QJsonValue(QJsonValue::Undefined);
        node = node.toObject().value(part);
    }
    return node;
}

void load_field(preference_field& field, QJsonObject const& config)
{
    auto const v = value_at(config, field.key);
    switch (field.kind) {
    case field_kind::text:
    case field_kind::optional_text:
        static_cast<QLineEdit*>(field.editor)->setText(v.toString());
        break;
    case field_kind::number:
        static_cast<QLineEdit*>(field.editor)
            ->setText(v.isDouble() ? QString::number(v.toInteger()) : QString());
        break;
    case field_kind::flag:
        static_cast<QCheckBox*>(field.editor)->setChecked(v.toBool(false));
        break;
    case field_kind::choice: {
        auto* box = static_cast<QComboBox*>(field.editor);
        box->setCurrentIndex(std::max(0, box->findData(v.toString())));
        break;
    }
    }
    field.saved = field_json(field);
}

std::string field_json(preference_field const& field)
{
    switch (field.kind) {
    case field_kind::text:
        return scalar_json(static_cast<QLineEdit*>(field.editor)->text());
    case field_kind::optional_text: {
        auto const text = static_cast<QLineEdit*>(field.editor)->text();
        return text.isEmpty() ? std::string("null") : scalar_json(text);
    }
    case field_kind::number: {
        auto const text = static_cast<QLineEdit*>(field.editor)->text().trimmed();
        if (text.isEmpty())
            return "null";
        bool ok = false;
        auto const n = text.toLongLong(&ok);
        // Not a number: sent as a string, so the host's message ("expected a port number") says why.
        return ok ? std::to_string(n) : scalar_json(text);
    }
    case field_kind::flag:
        return static_cast<QCheckBox*>(field.editor)->isChecked() ? "true" : "false";
    case field_kind::choice:
        return scalar_json(static_cast<QComboBox*>(field.editor)->currentData().toString());
    }
    return "null";
}

void show_field_error(preference_field const& field, QString const& text)
{
    field.error->setText(text);
    field.error->setVisible(!text.isEmpty());
    field.editor->setAccessibleDescription(text);
}

} // namespace pico::gui
