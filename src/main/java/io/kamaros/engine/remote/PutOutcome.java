package io.kamaros.engine.remote;

/** What {@link RemoteStore#putIfAbsent} did. */
public enum PutOutcome {
    /** The object now holds exactly the bytes given (this call wrote them, or, after an ambiguous write, identical ones are there). */
    CREATED,
    /** An object of that name was there already and was left as it was. */
    ALREADY_THERE
}
