// One Preferences control bound to one configuration key: how it reads the key from
// host::config()'s JSON and what JSON text it hands to host::set_config_value. The host
// validates; the GUI only shows the host's answer next to the control.
#pragma once

#include <QJsonObject>
#include <string>

class QLabel;
class QWidget;

namespace pico::gui {

/// How a control's value becomes JSON.
enum class field_kind {
    /// QLineEdit, always a string ("" included).
    text,
    /// QLineEdit, a string, or null (key removed) when empty.
    optional_text,
    /// QLineEdit holding an integer; empty is null, anything else is sent as typed for the host to judge.
    number,
    /// QCheckBox, true or false.
    flag,
    /// QComboBox whose item data are the JSON strings.
    choice,
};

/// A control, its inline error line and the value last read from or written to the file.
struct preference_field {
    /// Dotted configuration key, e.g. "proxy.port".
    std::string key;
    /// How the editor's value is written.
    field_kind kind = field_kind::text;
    /// QLineEdit, QCheckBox or QComboBox, by kind.
    QWidget* editor = nullptr;
    /// Shows the host's refusal under the editor; hidden when there is none.
    QLabel* error = nullptr;
    /// JSON text of the value in the file: the field is changed when field_json() differs.
    std::string saved;
};

/// The value at a dotted key of a JSON object; undefined when absent.
QJsonValue value_at(QJsonObject const& root, std::string const& dotted_key);
/// Sets the editor from the configuration and remembers that value as saved.
void load_field(preference_field& field, QJsonObject const& config);
/// The editor's value as JSON text for set_config_value.
std::string field_json(preference_field const& field);
/// Shows (or, with an empty text, hides) the field's inline error; also the editor's description.
void show_field_error(preference_field const& field, QString const& text);

} // namespace pico::gui
