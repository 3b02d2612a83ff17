from odoo import models
from odoo.exceptions import UserError

from ..internal import internal, is_internal, is_system

# base_tier_validation's context keys that lift its checks. They count only
# from server code (superuser or the suite's internal mode): a JSON-RPC client
# can send any context key.
TRUSTED_KEYS = ("skip_validation_check", "skip_check_state_condition")


class TierValidation(models.AbstractModel):
    """The validation API writes the reviews in the suite's internal mode (the
    reviews refuse any other write, see ``tier.review``). Each entry point keeps
    base_tier_validation's own checks of who decides: ``_validate_tier`` and
    ``_rejected_tier`` only touch the reviews of which the current user is a
    reviewer."""

    _inherit = "tier.validation"

    # The group that owns the decision (an XML id): when no approval rule
    # applies to a document asked for a decision, its members decide it, never
    # the requester. Documents without one pass when no rule applies.
    _ps_decider_group = None

    def _ps_without_forged_keys(self):
        context = self.env.context
        if is_system(self.env) or not any(context.get(k) for k in TRUSTED_KEYS):
            return self
        return self.with_context(**dict.fromkeys(TRUSTED_KEYS, False))

    def _tier_validation_check_write_allowed(self, vals):
        me = self._ps_without_forged_keys()
        # A rejected request is back with its requester to rework (documents
        # that stay in their state under review, as gates): its reviews are
        # withdrawn when it is submitted again. The document's own guards
        # still decide who may change what.
        me.invalidate_recordset(["validation_status"])
        me = me.filtered(lambda r: r.validation_status != "rejected")
        return super(TierValidation, me)._tier_validation_check_write_allowed(vals)

    def _check_state_from_condition(self):
        return super(TierValidation, self._ps_without_forged_keys())._check_state_from_condition()

    def _validate_tier(self, tiers=False):
        me = internal(self)
        if is_internal(self.env) and self.env.context.get("ps_moving_on"):
            # the document's own move (its state write) validates again
            return super(TierValidation, me)._validate_tier(tiers and tiers.with_env(me.env))
        waiting = self._ps_waits_for_decision()
        res = super(TierValidation, me)._validate_tier(tiers and tiers.with_env(me.env))
        # need_validation and validation_status have no dependencies: stale now
        self.invalidate_recordset(["need_validation", "validation_status"])
        if waiting and self.validation_status == "validated":
            self._ps_on_last_approval()
        return res

    def _rejected_tier(self, tiers=False):
        me = internal(self)
        waiting = self._ps_waits_for_decision()
        res = super(TierValidation, me)._rejected_tier(tiers and tiers.with_env(me.env))
        self.invalidate_recordset(["need_validation", "validation_status"])
        rejected = self.sudo().review_ids.filtered(lambda r: r.status == "rejected")
        if waiting and rejected:
            self._ps_back_to_requester(rejected)
        return res

    def validate_tier(self):
        self._ps_check_can_decide()
        return super().validate_tier()

    def reject_tier(self):
        self._ps_check_can_decide()
        return super().reject_tier()

    def _ps_check_can_decide(self):
        """Validate and Reject say why nothing happens instead of doing nothing:
        a requester sent for a decision no rule covers, or a user who is not
        (or not yet) a reviewer."""
        if is_system(self.env):
            return
        user = self.env.user
        for record in self:
            if record._get_sequences_to_approve(user):
                continue
            asked = record.review_ids.filtered(
                lambda r: r.status in ("waiting", "pending")
                and r.definition_id.ps_fallback
                and r.requested_by == user
            )
            if asked:
                raise UserError(
                    self.env._(
                        "You asked for the decision on %(document)s: another member of "
                        "“%(group)s” decides it.",
                        document=record.display_name,
                        group=asked[0].definition_id.reviewer_group_id.display_name,
                    )
                )
            raise UserError(
                self.env._(
                    "Nothing on %(document)s waits for your decision: you are not one of its "
                    "reviewers, an earlier reviewer decides first, or it was decided.",
                    document=record.display_name,
                )
            )

    def request_validation(self):
        # A request after a rejection is reviewed afresh: the rejected round
        # (kept for the record until now) goes.
        self.invalidate_recordset(["validation_status"])
        self.filtered(lambda r: r.validation_status == "rejected")._ps_withdraw_reviews()
        me = internal(self)
        created = super(TierValidation, me).request_validation()
        created |= me._ps_request_fallback_reviews()
        return created.with_env(self.env)

    def _ps_request_fallback_reviews(self):
        """Ask the owning group for the decisions that no rule covers (an
        implementer removed or narrowed the shipped rules): removing every rule
        of a decision point never removes the control."""
        Review = self.env["tier.review"]
        if not self._ps_decider_group:
            return Review
        self.invalidate_recordset(["review_ids"])
        todo = self.filtered(lambda r: not r.review_ids and r._check_state_from_condition())
        if not todo:
            return Review
        definition = self._ps_fallback_definition()
        reviews = Review.create([rec._prepare_tier_review_vals(definition, 1) for rec in todo])
        lonely = reviews.filtered(lambda r: not r.reviewer_ids)
        if lonely:
            record = self.browse(lonely[0].res_id)
            raise UserError(
                self.env._(
                    "No one but you may decide %(document)s: no approval rule applies to it, "
                    "so a member of “%(group)s” other than the requester decides. Add a "
                    "colleague to that group, or an approval rule (Settings > Technical > "
                    "Tier Definitions).",
                    document=record.display_name,
                    group=definition.reviewer_group_id.display_name,
                )
            )
        self.invalidate_recordset(["review_ids"])
        self._notify_review_requested(reviews)
        return reviews

    def _ps_fallback_definition(self):
        """The archived rule of this model's owning group (created on first use,
        so that deleting it cannot remove the control either)."""
        Definition = self.env["tier.definition"].sudo().with_context(active_test=False)
        definition = Definition.search(
            [("model", "=", self._name), ("ps_fallback", "=", True)], limit=1
        )
        if not definition:
            group = self.env.ref(self._ps_decider_group)
            definition = Definition.create(
                {
                    "name": self.env._(
                        "%(model)s: %(group)s decide when no approval rule applies",
                        model=self.env["ir.model"]._get(self._name).name,
                        group=group.name,
                    ),
                    "model_id": self.env["ir.model"]._get_id(self._name),
                    "review_type": "group",
                    "reviewer_group_id": group.id,
                    "definition_domain": "[]",
                    "company_id": False,
                    "active": False,
                    "ps_fallback": True,
                }
            )
        return definition

    def _ps_waits_for_decision(self):
        """Whether the document waits for its reviewers: in the state they
        decide on, and neither validated nor rejected yet."""
        self.ensure_one()
        self.invalidate_recordset(["need_validation", "validation_status"])
        return (
            self._state_field in self._fields
            and self._tier_validation_get_current_state_value() in self._state_from
            and self.validation_status in ("waiting", "pending")
        )

    # ------------------------------------------------------------------
    # What a decision sets off (one place for every tier-validated document)
    # ------------------------------------------------------------------
    def _ps_move_on_after_approval(self):
        """Hook: the last reviewer validated; move the document to its next
        state (it runs as the system: what approval sets off is not the
        reviewer's to be allowed). Nothing by default."""

    def _ps_reset_to_draft_after_rejection(self):
        """Hook: a reviewer rejected; put the document back in its requester's
        draft (it runs as the system). Nothing by default."""

    def _ps_on_last_approval(self):
        """The last needed validation: the document moves on by itself and its
        requester is told."""
        reviews = self.sudo().review_ids
        requester, deciders = reviews.requested_by[:1], reviews.done_by
        internal(self.sudo()).with_context(ps_moving_on=True)._ps_move_on_after_approval()
        self.invalidate_recordset()
        self._ps_notify_requester(requester, "approved", deciders)

    def _ps_back_to_requester(self, rejected_reviews):
        """A reviewer rejected: the document goes back to its requester's draft
        (``_ps_reset_to_draft_after_rejection``), the reason goes in the chatter
        addressed to the requester, and they get a to-do to rework and resubmit.
        The reviews stay for the record until the document is submitted again
        (``request_validation`` withdraws them)."""
        for record in self:
            reviews = rejected_reviews.filtered(lambda r, rec=record: r.res_id == rec.id)
            requester = record.sudo().review_ids.requested_by[:1]
            deciders = reviews.done_by
            reasons = [c for c in reviews.mapped("comment") if c]
            # the other reviewers have nothing left to decide on this request
            internal(
                record.sudo().review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
            ).write({"status": "cancel"})
            internal(record.sudo())._ps_reset_to_draft_after_rejection()
            record.invalidate_recordset()
            record._ps_notify_requester(requester, "rejected", deciders, reasons)

    def _ps_notify_requester(self, requester, outcome, deciders, reasons=()):
        """Tell the requester the outcome (``approved`` or ``rejected``) in
        their language: a message in the document's chatter addressed to them
        (their Inbox), and after a rejection a to-do to rework and resubmit."""
        self.ensure_one()
        if not hasattr(self, "message_post"):
            return
        # sudo: the decider need not be allowed to post on the document; the
        # message is still authored by them (the current user).
        record = self.sudo().with_context(lang=requester.lang or self.env.lang)
        users = ", ".join(deciders.mapped("name")) or self.env.user.name
        field = record._fields[record._state_field]
        value = record[record._state_field]
        state = dict(field._description_selection(record.env)).get(value, value)
        if outcome == "approved" and value in record._state_from:
            # every review is done; the requester takes the next step (signing
            # a contract, applying an amendment)
            body = record.env._(
                "%(document)s was approved by %(users)s: it is yours to take on.",
                document=record.display_name,
                users=users,
            )
        elif outcome == "approved":
            body = record.env._(
                "%(document)s was approved by %(users)s. It is now: %(state)s.",
                document=record.display_name,
                users=users,
                state=state,
            )
        else:
            body = record.env._(
                "Rejected by %(users)s: %(reason)s. Rework it and submit it again.",
                users=users,
                reason="; ".join(reasons) or record.env._("(no reason given)"),
            )
        record.message_post(
            body=body,
            partner_ids=requester.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if outcome == "rejected" and requester and hasattr(record, "activity_schedule"):
            record.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=requester.id,
                summary=record.env._("Rejected: rework and resubmit"),
                note=body,
            )

    def _ps_demo_approve(self):
        """Demo data: one reviewer of each open review validates it (demo files
        run as the archived superuser, who reviews nothing). Private: not
        callable over RPC."""
        for record in self:
            for review in record.review_ids.sorted("sequence"):
                if review.status in ("waiting", "pending") and review.reviewer_ids:
                    record.with_user(review.reviewer_ids[:1]).validate_tier()

    def _ps_withdraw_reviews(self):
        """The document goes back to its author or is cancelled: its reviews go
        with the request, so that a new request is reviewed afresh (an approval
        never carries over to what was changed after it)."""
        internal(self.review_ids).unlink()
        self.invalidate_recordset(["review_ids", "need_validation", "validation_status"])

    def restart_validation(self):
        # Public (a button): only those who may change the document restart its reviews.
        self.check_access("write")
        return super(TierValidation, internal(self)).restart_validation()

    def _update_counter(self, review_counter):
        return super(TierValidation, internal(self))._update_counter(review_counter)

    def _tier_validation_check_write_remove_reviews(self, vals):
        return super(TierValidation, internal(self))._tier_validation_check_write_remove_reviews(
            vals
        )

    def unlink(self):
        # The reviews go with their document; the document's own guards still
        # decide whether it may be deleted (they run without the marker).
        internal(self.review_ids).unlink()
        return super().unlink()
