-- Which aid request's payment closed a checkup follow-up: undoing that payment opens it
-- again, and only it (never a follow-up closed for another reason, nor one another payment
-- closed).
ALTER TABLE checkup_results ADD COLUMN follow_up_paid_by_aid INTEGER REFERENCES aid_requests (id);

-- Follow-ups already closed by a payment: the paid request for the same child and year whose
-- closing note the payment wrote (in either language).
UPDATE checkup_results
SET follow_up_paid_by_aid = (
    SELECT q.id FROM aid_requests q
    WHERE q.child_id = checkup_results.child_id
      AND q.checkup_year = checkup_results.year
      AND q.state = 'paid'
    ORDER BY q.id DESC
    LIMIT 1
)
WHERE follow_up_closed_at IS NOT NULL
  AND (follow_up_note LIKE '已由资助支付 %' OR follow_up_note LIKE 'Paid by aid: %');
