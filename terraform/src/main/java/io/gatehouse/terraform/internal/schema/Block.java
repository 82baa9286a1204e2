package io.gatehouse.terraform.internal.schema;

import io.gatehouse.terraform.internal.cty.CtyType;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A schema block: attributes plus nested blocks (each a list of blocks, e.g. a policy's {@code rule}s). */
public record Block(List<Attribute> attributes, List<NestedBlock> blocks, String description) {

    public Block {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
    }

    public Block(List<Attribute> attributes, String description) {
        this(attributes, List.of(), description);
    }

    /** A nested block written {@code name { ... }} any number of times within [minItems, maxItems]. */
    public record NestedBlock(String name, Block block, int minItems, int maxItems) {}

    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public Optional<NestedBlock> block(String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The object type of a value of this block. */
    public CtyType.ObjectType type() {
        Map<String, CtyType> types = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            types.put(a.name(), a.type());
        }
        for (NestedBlock b : blocks) {
            types.put(b.name(), CtyType.listOf(b.block().type()));
        }
        return (CtyType.ObjectType) CtyType.objectOf(types);
    }

    public Tfplugin6.Schema.Block toProto() {
        Tfplugin6.Schema.Block.Builder out = Tfplugin6.Schema.Block.newBuilder().setDescription(description);
        for (Attribute a : attributes) {
            out.addAttributes(Tfplugin6.Schema.Attribute.newBuilder()
                    .setName(a.name())
                    .setType(com.google.protobuf.ByteString.copyFrom(a.type().json(), StandardCharsets.UTF_8))
                    .setDescription(a.description()
                            + (a.allowed().isEmpty() ? "" : " One of: " + String.join(", ", a.allowed()) + ".")
                            + (a.forceNew() ? " Changing it replaces the object." : ""))
                    .setRequired(a.mode() == Attribute.Mode.REQUIRED)
                    .setOptional(a.mode() == Attribute.Mode.OPTIONAL || a.mode() == Attribute.Mode.OPTIONAL_COMPUTED)
                    .setComputed(a.computed())
                    .setSensitive(a.sensitive()));
        }
        for (NestedBlock b : blocks) {
            out.addBlockTypes(Tfplugin6.Schema.NestedBlock.newBuilder()
                    .setTypeName(b.name())
                    .setBlock(b.block().toProto())
                    .setNesting(Tfplugin6.Schema.NestedBlock.NestingMode.LIST)
                    .setMinItems(b.minItems())
                    .setMaxItems(b.maxItems()));
        }
        return out.build();
    }
}
