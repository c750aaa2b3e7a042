/* The order's story: what the bridge did on the way (a 401, the token refreshed, the call retried; a 409
   while in flight; an unknown fate settled). The ticket tells the stories as "tsbridge:stories", keyed by
   OrderConfirmId (static/ticket/, from the journal and the answers); a send call to this bridge shows the
   story of the ticket it carried. */

export function storyOf(entry, stories) {
  if (!entry.bridge || !/\/jsonp\/orders\/send$/.test(entry.base)) { return null; }
  let sent = null;
  try { sent = JSON.parse(entry.data); } catch (_) { return null; }
  if (!sent || typeof sent !== "object" || !sent.OrderConfirmId) { return null; }
  return Object.hasOwn(stories, String(sent.OrderConfirmId)) ? stories[String(sent.OrderConfirmId)] : null;
}
