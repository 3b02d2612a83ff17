from odoo import api, fields, models


class PsReferenceMixin(models.AbstractModel):
    """A reference, "New" until the record is created, then the next number of
    the sequence whose code is the model's name, in the record's company
    (contracts, invoice requests, collections, payment requests)."""

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

    @api.model
    def _ps_assign_references(self, vals_list):
        """Give the new records without a reference the next one of their sequence."""
        new = self.env._("New")
        for vals in vals_list:
            if vals.get("name", new) == new:
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"].with_company(company).next_by_code(self._name) or new
                )
