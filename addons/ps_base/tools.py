"""Input checks shared by the suite's addons."""

from odoo.exceptions import ValidationError


def check_lengths(env, vals_list, limits):
    """Refuse values longer than their limit before they reach the database.

    ``limits`` maps a field name to ``(label, max_chars)``. Indexed text columns
    (comparison keys, codes) cannot take values of more than about 2,700 bytes
    (PostgreSQL's btree limit); this answers with what to fix instead of the
    database's raw error."""
    for vals in vals_list:
        for field_name, (label, limit) in limits.items():
            value = vals.get(field_name)
            if isinstance(value, str) and len(value) > limit:
                raise ValidationError(
                    env._(
                        "%(field)s is too long (%(length)s characters): at most %(limit)s.",
                        field=label,
                        length=len(value),
                        limit=limit,
                    )
                )
