package io.clawops.contracts.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import io.clawops.contracts.message.Envelope;
import java.util.Map;

/**
 * The Jackson configuration of the wire: strict scalars and enums, shape checks on records, maps
 * and lists, and the envelope's own reader and writer. Registered on the codec's private mapper
 * only, so that services' copies of {@link EnvelopeCodec#mapper()} keep Jackson's usual leniency
 * for their own documents.
 */
final class WireModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  WireModule() {
    super("clawops-wire");
    addSerializer(Envelope.class, new EnvelopeWriter());
    addDeserializer(EnvelopeReader.Result.class, new EnvelopeReader());
    setDeserializerModifier(new Shapes());
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addDeserializers(new Strict());
  }

  /** Strict deserializers for the scalar and enum types of the records. */
  private static final class Strict extends Deserializers.Base {

    private final Map<Class<?>, JsonDeserializer<?>> scalars = WireScalars.deserializers();

    @Override
    public JsonDeserializer<?> findBeanDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
      return scalars.get(type.getRawClass());
    }

    @Override
    public JsonDeserializer<?> findEnumDeserializer(
        Class<?> type, DeserializationConfig config, BeanDescription beanDesc) {
      return new WireEnum(type);
    }

    @Override
    public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
      return valueType.isEnum() || scalars.containsKey(valueType);
    }
  }

  /** Puts a shape check in front of every record, map and list deserializer. */
  private static final class Shapes extends BeanDeserializerModifier {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
      // Jackson's own record deserializers only, not the codec's envelope reader.
      return beanDesc.getBeanClass().isRecord() && deserializer instanceof BeanDeserializerBase
          ? ShapeChecked.object(deserializer)
          : deserializer;
    }

    @Override
    public JsonDeserializer<?> modifyMapDeserializer(
        DeserializationConfig config,
        MapType type,
        BeanDescription beanDesc,
        JsonDeserializer<?> deserializer) {
      return ShapeChecked.object(deserializer);
    }

    @Override
    public JsonDeserializer<?> modifyCollectionDeserializer(
        DeserializationConfig config,
        CollectionType type,
        BeanDescription beanDesc,
        JsonDeserializer<?> deserializer) {
      // Lists inside free-form values (evidence) may hold nulls and are not the contract's lists.
      return type.getContentType().isJavaLangObject()
          ? deserializer
          : ShapeChecked.array(deserializer);
    }
  }
}
