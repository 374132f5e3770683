import { Button, Text, View } from '@tarojs/components';

/** Large − / + buttons around a quantity, kept between 1 and `most`: `#<id>-less`, `#<id>-quantity`, `#<id>-more`. */
export default function QuantityStepper({
  id,
  value,
  most,
  onChange,
}: {
  id: string;
  value: number;
  most: number;
  onChange: (value: number) => void;
}) {
  return (
    <View className="stepper">
      <Button id={`${id}-less`} className="stepper__button" onClick={() => onChange(Math.max(1, value - 1))}>
        −
      </Button>
      <Text className="stepper__value" id={`${id}-quantity`}>
        {value}
      </Text>
      <Button
        id={`${id}-more`}
        className="stepper__button"
        onClick={() => onChange(Math.min(Math.max(1, most), value + 1))}
      >
        +
      </Button>
    </View>
  );
}
