from odoo import models

from odoo.addons.ps_base.internal import internal, is_internal


class PsFinanceRequest(models.AbstractModel):
    """The approval life of a project's finance documents (budgets, payment
    requests): draft → submitted → approved through OCA tier validation (where
    no rule applies, the owning group decides: ``_ps_decider_group``); a
    reviewer's rejection returns it to its author's draft (ps_base). The state
    changes through the buttons only: the models refuse other writes of it
    unless made through ``_ps_internal()``."""

    _name = "ps.finance.request"
    _description = "Project Finance Request"
    _inherit = ["tier.validation"]
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    def _ps_internal(self):
        return internal(self)

    def _ps_is_internal(self):
        return is_internal(self.env)

    def _ps_submit_for_review(self, vals=None):
        """Submit to the reviewers (approved at once only if no review was made)."""
        for request in self:
            request._ps_internal().write({"state": "submitted", **(vals or {})})
            request.request_validation()
            request.invalidate_recordset(["need_validation", "validation_status"])
            if not request.review_ids:
                request._ps_approve()

    def _ps_approve(self):
        self._ps_internal().write({"state": "approved"})

    def _ps_move_on_after_approval(self):
        # the last reviewer approves; what approval sets off is the system's work
        if self.state == "submitted":
            self._ps_approve()

    def _ps_reset_to_draft_after_rejection(self):
        # back to its author's draft, to rework and submit again
        if self.state == "submitted":
            self._ps_internal().with_context(skip_validation_check=True).write({"state": "draft"})
