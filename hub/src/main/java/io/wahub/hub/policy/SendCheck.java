package io.wahub.hub.policy;

import io.wahub.routes.Ref;
import java.util.Map;

/**
 * One rule of the send policy, asked for every message just before its channel is called. Checks are Spring beans
 * ordered with {@link org.springframework.core.annotation.Order} in the order the README's policy list gives; the
 * first check that stops a message decides. A check sees a whole delivery batch so it can read what it needs in one
 * query; it runs with no transaction open and must not call out of the hub.
 */
public interface SendCheck {

    /**
     * @param batch the batch's messages still to be sent (those an earlier check stopped are left out), the instant
     *              they are judged at, and their recipients' facts, read once for all checks
     * @return a decision for each message this check stops; messages it lets pass are absent
     */
    Map<Ref, PolicyDecision> check(SendBatch batch);
}
