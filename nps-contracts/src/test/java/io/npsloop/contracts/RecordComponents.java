package io.npsloop.contracts;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Reflection over record components, where jspecify's {@code @Nullable} is a type-use annotation. */
final class RecordComponents {

    private RecordComponents() {
    }

    static Set<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static Set<String> nullable(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .filter(RecordComponents::isNullable)
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static Set<String> nonNullable(Class<? extends Record> type) {
        Set<String> names = names(type);
        names.removeAll(nullable(type));
        return names;
    }

    static boolean isNullable(RecordComponent component) {
        return component.getAnnotatedType().isAnnotationPresent(Nullable.class);
    }

    /** A copy of the record with every {@code @Nullable} component set to null. */
    @SuppressWarnings("unchecked")
    static <R extends Record> R withNullablesCleared(R record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = isNullable(components[i]) ? null : components[i].getAccessor().invoke(record);
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            return (R) canonical.newInstance(values);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
