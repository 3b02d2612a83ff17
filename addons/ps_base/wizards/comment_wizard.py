from odoo import models
from odoo.exceptions import AccessError

from ..internal import internal


class CommentWizard(models.TransientModel):
    """The comment of a decision goes only on the reviews the current user
    decides: the wizard's reviews come from the client."""

    _inherit = "comment.wizard"

    def add_comment(self):
        self.ensure_one()
        reviews = self.review_ids
        if not all(
            r.model == self.res_model
            and r.res_id == self.res_id
            and r.status in ("waiting", "pending")
            and self.env.user in r.reviewer_ids
            for r in reviews
        ):
            raise AccessError(
                self.env._("You can comment only the reviews that wait for your decision.")
            )
        internal(reviews).write({"comment": self.comment})
        record = self.env[self.res_model].browse(self.res_id)
        if self.validate_reject == "validate":
            record._validate_tier(reviews)
        if self.validate_reject == "reject":
            record._rejected_tier(reviews)
        record._update_counter({"review_deleted": True})
