/**
 * Who is next at a counter: waiting tickets of today at the counter's station, for the polis it
 * serves (all when it lists none), priority first, then who joined the line first. One definition
 * for call-next (which locks the first row) and for the desk's waiting list (which only reads).
 * Parameters: $1 facility code, $2 service date, $3 station, $4 the counter's poli codes.
 */
export const WAITING_AT_COUNTER_SQL = `
  SELECT id FROM ticket
  WHERE facility_code = $1 AND service_date = $2::date AND status = 'waiting' AND station = $3
    AND (cardinality($4::text[]) = 0 OR COALESCE(current_poli, poli_code) = ANY($4::text[]))
  ORDER BY priority DESC, queued_at ASC, queue_number ASC`;
