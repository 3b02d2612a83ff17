from odoo import fields, models


class PsCustomerType(models.Model):
    """Customer type (enterprise, government or institution, individual, partner firm...)."""

    _name = "ps.customer.type"
    _description = "Customer Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the type between all companies.",
    )
    # The data a customer of this type cannot be registered or kept without.
    require_vat = fields.Boolean(string="Requires Tax ID")
    require_address = fields.Boolean(string="Requires Address", help="Street, city and country.")
    require_phone = fields.Boolean(string="Requires Phone", help="A phone or a mobile number.")
    require_email = fields.Boolean(string="Requires Email")

    def _ps_missing_data(self, partner):
        """The labels of the data this type requires that ``partner`` lacks."""
        self.ensure_one()
        checks = [
            (self.require_vat, partner.vat, "vat"),
            (self.require_address, partner.street, "street"),
            (self.require_address, partner.city, "city"),
            (self.require_address, partner.country_id, "country_id"),
            (self.require_phone, partner.phone or partner.mobile, "phone"),
            (self.require_email, partner.email, "email"),
        ]
        return [
            partner._fields[name]._description_string(self.env)
            for required, value, name in checks
            if required and not value
        ]

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A customer type with this name already exists in this company.",
        ),
    ]
