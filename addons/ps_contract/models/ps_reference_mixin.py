from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.ps_base.internal import is_system


class PsReferenceMixin(models.AbstractModel):
    """A reference, "New" until the record is created, then the next number of
    the sequence whose code is the model's name, in the record's company
    (contracts, invoice requests, collections, payment requests). A reference
    is the system's: one a client sends is replaced by the sequence's, and it
    never changes afterwards."""

    _name = "ps.reference.mixin"
    _description = "Reference from a Sequence"

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        index="trigram",
        default=lambda self: self.env._("New"),
    )

    _sql_constraints = [
        (
            "ps_reference_unique",
            "UNIQUE(name, company_id)",
            "This reference is already used in this company: references are given by the system.",
        )
    ]

    @api.model
    def _ps_assign_references(self, vals_list):
        """Give the new records the next reference of their sequence (the data
        loader and the suite's own flows may bring theirs)."""
        new = self.env._("New")
        trusted = is_system(self.env)
        for vals in vals_list:
            if not trusted or vals.get("name", new) == new:
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"].with_company(company).next_by_code(self._name) or new
                )

    def write(self, vals):
        if "name" in vals and not is_system(self.env):
            if any(record.name != vals["name"] for record in self):
                raise UserError(
                    self.env._("A reference is given by the system and cannot be changed.")
                )
        return super().write(vals)
