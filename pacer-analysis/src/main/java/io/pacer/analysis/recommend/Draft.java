package io.pacer.analysis.recommend;

import io.pacer.analysis.Effort;
import io.pacer.analysis.action.ActionRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One rule's advice for one finding, before priority, merging and ranking: seed 002's fields, the subject the advice
 * is about (two findings whose advice has the same type and subject become one recommendation) and the action that
 * carries it out, if any.
 */
record Draft(
        String category,
        String type,
        Map<String, String> subject,
        String description,
        List<String> actions,
        String expectedImpact,
        Effort effort,
        ActionRequest action) {

    Draft {
        subject = Map.copyOf(new TreeMap<>(subject));
        actions = List.copyOf(actions);
    }

    /** The recommendation's stable id: its type plus its subject, as a finding's id is its kind plus its subject. */
    String id() {
        return subject.isEmpty() ? type : type + new TreeMap<>(subject);
    }

    /** This advice carried out by {@code request} (one reversible action: low effort). */
    Draft withAction(ActionRequest request) {
        return new Draft(category, type, subject, description, actions, expectedImpact, Effort.LOW, request);
    }
}
